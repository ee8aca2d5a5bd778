using AntiCorruption.Core.Secrets;

namespace AntiCorruption.Core.Tests.Secrets;

public class KeyVaultReferenceTests
{
    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-pacc.vault.azure.net/secrets/pii-key/)", "kv-pacc.vault.azure.net", "pii-key", null)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-pacc.vault.azure.net/secrets/pii-key/ec96f02080254f109c51a1f14cdb1931)", "kv-pacc.vault.azure.net", "pii-key", "ec96f02080254f109c51a1f14cdb1931")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-pacc;SecretName=line-channel-secret)", "kv-pacc.vault.azure.net", "line-channel-secret", null)]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-pacc; SecretName=pii-key; SecretVersion=abc123)", "kv-pacc.vault.azure.net", "pii-key", "abc123")]
    public void TryParse_DocumentedForms_GiveVaultSecretAndVersion(string text, string host, string name, string? version)
    {
        Assert.True(KeyVaultReference.TryParse(text, out var reference));
        Assert.Equal(host, reference.VaultUri.Host);
        Assert.Equal(name, reference.SecretName);
        Assert.Equal(version, reference.Version);
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=http://kv-pacc.vault.azure.net/secrets/pii-key/)")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-pacc.vault.azure.net/keys/pii-key/)")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-pacc)")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv pacc;SecretName=x)")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-pacc.vault.azure.net/secrets/pii-key/")]
    public void TryParse_Malformed_IsAReferenceButNotParsed(string text)
    {
        Assert.True(KeyVaultReference.IsReference(text));
        Assert.False(KeyVaultReference.TryParse(text, out _));
    }

    [Theory]
    [InlineData("dGVzdC1waWkta2V5LTMyLWJ5dGVzLWxvbmctLS0tLS0=")]
    [InlineData("")]
    [InlineData(null)]
    public void IsReference_PlainValue_IsFalse(string? value) => Assert.False(KeyVaultReference.IsReference(value));

    [Fact]
    public void PendingSecrets_Report_NamesAppSettingsAndProblemsButNoValue()
    {
        var pending = new PendingSecrets(
        [
            new("Pii:Key", "@Microsoft.KeyVault(VaultName=kv-pacc;SecretName=pii-key)"),
            new("Pii:HashKey", "plain-value-not-a-reference"),
            new("Line:ChannelSecret", "@Microsoft.KeyVault(VaultName=kv-pacc)"),
        ]);

        pending.Failed("Pii:Key", "Key Vault answered 403 Forbidden");

        Assert.Equal(["Line:ChannelSecret", "Pii:Key"], pending.Unresolved);
        Assert.Equal("unresolved Key Vault reference (Line__ChannelSecret: not a valid Key Vault reference; Pii__Key: Key Vault answered 403 Forbidden)", pending.Report());
        pending.Resolved("Pii:Key");
        pending.Resolved("Line:ChannelSecret");
        Assert.Equal("healthy", pending.Report());
    }
}
