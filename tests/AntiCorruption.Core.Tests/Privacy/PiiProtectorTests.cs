using System.Security.Cryptography;
using System.Text;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Privacy;

public class PiiProtectorTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("สมชาย ใจดี 081-234-5678");

    [Fact]
    public void SealThenOpen_SameContext_GivesThePlaintextBack()
    {
        var protector = new PiiProtector(TestKeys.Pii());

        var sealedValue = protector.Seal(Secret, "complaint/1/reporter");

        Assert.Equal(Secret, protector.Open(sealedValue, "complaint/1/reporter"));
    }

    [Fact]
    public void Seal_SameValueTwice_GivesDifferentCiphertextsWithoutThePlaintext()
    {
        var protector = new PiiProtector(TestKeys.Pii());

        var first = protector.Seal(Secret, "c");
        var second = protector.Seal(Secret, "c");

        Assert.NotEqual(first, second);
        Assert.Equal(-1, first.AsSpan().IndexOf(Secret));
    }

    [Fact]
    public void Open_OtherContext_Fails()
    {
        var protector = new PiiProtector(TestKeys.Pii());
        var sealedValue = protector.Seal(Secret, "complaint/1/reporter");

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedValue, "complaint/2/reporter"));
    }

    [Fact]
    public void Open_OneByteChanged_Fails()
    {
        var protector = new PiiProtector(TestKeys.Pii());
        var sealedValue = protector.Seal(Secret, "c");
        sealedValue[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedValue, "c"));
    }

    [Fact]
    public void Open_AfterRotation_ReadsOldDataWithThePreviousKey()
    {
        var before = new PiiProtector(TestKeys.Pii(TestKeys.PiiKey));
        var old = before.Seal(Secret, "c");
        var after = new PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey, previous: TestKeys.PiiKey));

        Assert.Equal(Secret, after.Open(old, "c"));
        Assert.NotEqual(before.CurrentKeyId, after.CurrentKeyId);
        Assert.Equal(Secret, after.Open(after.Seal(Secret, "c"), "c"));
    }

    /// <summary>The <c>pii-previous-keys</c> secret before any rotation ("none": Key Vault has no empty secrets), alone or beside a key.</summary>
    [Theory]
    [InlineData("none")]
    [InlineData("none," + TestKeys.PiiKey)]
    public void PreviousKeys_None_IsNoKey(string previous)
    {
        var protector = new PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey, previous));

        Assert.Equal(Secret, protector.Open(protector.Seal(Secret, "c"), "c"));
    }

    [Fact]
    public void Open_KeyRetiredAndDropped_FailsNamingTheKey()
    {
        var old = new PiiProtector(TestKeys.Pii(TestKeys.PiiKey)).Seal(Secret, "c");
        var after = new PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey));

        var error = Assert.ThrowsAny<CryptographicException>(() => after.Open(old, "c"));
        Assert.Contains(new PiiProtector(TestKeys.Pii(TestKeys.PiiKey)).CurrentKeyId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Constructor_KeyNotThirtyTwoBytes_Throws(string key)
    {
        Assert.Throws<InvalidOperationException>(() => new PiiProtector(TestKeys.Pii(key)));
    }

    [Fact]
    public void KeyedHasher_DifferentPurposes_GiveDifferentHashes()
    {
        var hasher = new KeyedHasher(TestKeys.Pii());

        Assert.NotEqual(hasher.Hash("email", "a@example.com"), hasher.Hash("phone", "a@example.com"));
        Assert.Equal(hasher.Hash("email", "a@example.com"), hasher.Hash("email", "a@example.com"));
    }
}
