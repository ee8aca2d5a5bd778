namespace AntiCorruption.Core.Secrets;

/// <summary>
/// A secret the app needs is still an unresolved Key Vault reference. It is temporary: the
/// resolver keeps asking Key Vault, and callers answer 503 (HTTP) or let the message be retried.
/// </summary>
public sealed class SecretNotAvailableException(string setting)
    : InvalidOperationException($"The setting {setting} is a Key Vault reference that is not resolved yet.")
{
    public string Setting { get; } = setting;
}
