namespace AntiCorruption.Core.Secrets;

/// <summary>
/// An app setting that still holds an App Service Key Vault reference instead of the secret:
/// the platform leaves the reference text in place when it cannot resolve it (the identity's role
/// assignment not yet effective, the vault unreachable, the secret missing). Both documented forms:
/// <c>@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/name[/version])</c> and
/// <c>@Microsoft.KeyVault(VaultName=v;SecretName=name[;SecretVersion=version])</c>.
/// </summary>
public sealed record KeyVaultReference(Uri VaultUri, string SecretName, string? Version)
{
    private const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>Whether the value is a reference the platform left unresolved, well formed or not.</summary>
    public static bool IsReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string? value, out KeyVaultReference reference)
    {
        reference = null!;
        var text = value?.Trim();
        if (!IsReference(text) || !text!.EndsWith(')'))
        {
            return false;
        }

        var parts = text[Prefix.Length..^1]
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("SecretUri", out var secretUri))
        {
            return TryFromSecretUri(secretUri, out reference);
        }

        if (parts.TryGetValue("VaultName", out var vault) && parts.TryGetValue("SecretName", out var name)
            && IsName(vault) && IsName(name))
        {
            reference = new KeyVaultReference(new Uri($"https://{vault}.vault.azure.net/"), name, parts.GetValueOrDefault("SecretVersion") is { Length: > 0 } v ? v : null);
            return true;
        }

        return false;
    }

    private static bool TryFromSecretUri(string text, out KeyVaultReference reference)
    {
        reference = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["secrets", var name, ..] || segments.Length > 3 || !IsName(name))
        {
            return false;
        }

        reference = new KeyVaultReference(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), name, segments.Length == 3 ? segments[2] : null);
        return true;
    }

    /// <summary>Vault and secret names: letters, digits and hyphens (Key Vault's own rule).</summary>
    private static bool IsName(string name) => name.Length is > 0 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public override string ToString() => $"{VaultUri.Host}/{SecretName}";
}
