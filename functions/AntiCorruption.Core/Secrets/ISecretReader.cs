namespace AntiCorruption.Core.Secrets;

/// <summary>Reads one secret's value from Key Vault.</summary>
public interface ISecretReader
{
    Task<string> ReadAsync(KeyVaultReference reference, CancellationToken cancellationToken);
}
