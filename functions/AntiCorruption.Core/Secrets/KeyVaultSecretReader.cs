using System.Collections.Concurrent;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;

namespace AntiCorruption.Core.Secrets;

/// <summary>Reads secrets with the app's managed identity, the one the platform resolves references with.</summary>
public sealed class KeyVaultSecretReader(TokenCredential credential) : ISecretReader
{
    private readonly ConcurrentDictionary<Uri, SecretClient> _clients = new();

    public async Task<string> ReadAsync(KeyVaultReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var client = _clients.GetOrAdd(reference.VaultUri, uri => new SecretClient(uri, credential));
        var secret = await client.GetSecretAsync(reference.SecretName, reference.Version, cancellationToken);
        return secret.Value.Value;
    }
}
