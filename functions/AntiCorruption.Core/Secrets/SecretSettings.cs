namespace AntiCorruption.Core.Secrets;

/// <summary>What a class reading a secret setting does when the value is still a Key Vault reference.</summary>
public static class SecretSettings
{
    /// <exception cref="SecretNotAvailableException">The value is an unresolved reference.</exception>
    public static void ThrowIfUnresolved(string? value, string setting)
    {
        if (KeyVaultReference.IsReference(value))
        {
            throw new SecretNotAvailableException(setting);
        }
    }
}
