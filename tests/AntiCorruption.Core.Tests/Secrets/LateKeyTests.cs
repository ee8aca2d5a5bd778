using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Secrets;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Secrets;

/// <summary>Keys that were still Key Vault references at start, arriving later through the options monitor.</summary>
public class LateKeyTests
{
    private const string Reference = "@Microsoft.KeyVault(VaultName=kv-pacc;SecretName=pii-key)";

    [Fact]
    public void Protector_KeyStillAReference_RefusesUntilTheKeyArrives()
    {
        var options = new SettableOptions<PiiOptions>(new PiiOptions { Key = Reference, HashKey = TestKeys.HashKey });
        var protector = new PiiProtector(options);

        var refused = Assert.Throws<SecretNotAvailableException>(() => protector.Seal("x"u8, "c"));
        Assert.Equal("Pii:Key", refused.Setting);

        options.Set(new PiiOptions { Key = TestKeys.PiiKey, HashKey = TestKeys.HashKey });
        var sealedValue = protector.Seal("x"u8, "c");

        Assert.Equal("x"u8.ToArray(), new PiiProtector(TestKeys.Pii()).Open(sealedValue, "c"));
    }

    [Fact]
    public void Hasher_KeyStillAReference_RefusesUntilTheKeyArrives()
    {
        var options = new SettableOptions<PiiOptions>(new PiiOptions { Key = TestKeys.PiiKey, HashKey = Reference });
        var hasher = new KeyedHasher(options);

        Assert.Throws<SecretNotAvailableException>(() => hasher.Hash("p", "v"));
        options.Set(new PiiOptions { Key = TestKeys.PiiKey, HashKey = TestKeys.HashKey });

        Assert.Equal(new KeyedHasher(TestKeys.Pii()).Hash("p", "v"), hasher.Hash("p", "v"));
    }
}
