using System.Security.Cryptography;
using System.Text;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Privacy;

/// <summary>What the re-seal after a rotation asks of a sealed value: which key it names, whether that is the current one, and sealing it again.</summary>
public class PiiKeyIdTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("นายสมชาย ผู้แจ้ง 081-234-5678");

    private static PiiProtector Before => new(TestKeys.Pii(TestKeys.PiiKey));

    private static PiiProtector After => new(TestKeys.Pii(TestKeys.OtherPiiKey, previous: TestKeys.PiiKey));

    private static PiiProtector OnlyNew => new(TestKeys.Pii(TestKeys.OtherPiiKey));

    [Fact]
    public void KeyIdOfKey_IsTheFirstFourBytesOfSha256OfTheKey_AsTheProtectorNamesIt()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(TestKeys.PiiKey))[..4]);

        Assert.Equal(expected, PiiProtector.KeyIdOfKey(TestKeys.PiiKey));
        Assert.Equal(expected, Before.CurrentKeyId);
        Assert.Equal(8, expected.Length);
        Assert.NotEqual(expected, PiiProtector.KeyIdOfKey(TestKeys.OtherPiiKey));
    }

    [Fact]
    public void KeyIdOf_NamesTheKeyAValueWasSealedUnder_BeforeAndAfterARotation()
    {
        var old = Before.Seal(Secret, "c");
        var fresh = After.Seal(Secret, "c");

        Assert.Equal(Before.CurrentKeyId, PiiProtector.KeyIdOf(old));
        Assert.Equal(After.CurrentKeyId, PiiProtector.KeyIdOf(fresh));
        Assert.NotEqual(PiiProtector.KeyIdOf(old), PiiProtector.KeyIdOf(fresh));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void KeyIdOf_TooShortOrAnotherVersion_IsNull(int length)
    {
        var sealedValue = Before.Seal(Secret, "c");
        var otherVersion = (byte[])sealedValue.Clone();
        otherVersion[0] = 2;

        Assert.Null(PiiProtector.KeyIdOf(sealedValue.AsSpan(0, length)));
        Assert.Null(PiiProtector.KeyIdOf(otherVersion));
        Assert.NotNull(PiiProtector.KeyIdOf(sealedValue.AsSpan(0, 33)));
    }

    [Fact]
    public void IsSealedWithCurrentKey_OnlyForTheCurrentKey()
    {
        var old = Before.Seal(Secret, "c");
        var fresh = After.Seal(Secret, "c");
        var otherVersion = (byte[])fresh.Clone();
        otherVersion[0] = 2;

        Assert.True(After.IsSealedWithCurrentKey(fresh));
        Assert.False(After.IsSealedWithCurrentKey(old));
        Assert.True(Before.IsSealedWithCurrentKey(old));
        Assert.False(After.IsSealedWithCurrentKey(otherVersion));
        Assert.False(After.IsSealedWithCurrentKey(fresh.AsSpan(0, 20)));
        Assert.False(After.IsSealedWithCurrentKey([]));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("none", 0)]
    [InlineData(TestKeys.PiiKey, 1)]
    [InlineData(TestKeys.PiiKey + "," + TestKeys.PiiKey, 1)]
    [InlineData(TestKeys.OtherPiiKey + "," + TestKeys.PiiKey, 1)]
    public void PreviousKeyIds_AreTheConfiguredKeysBesidesTheCurrentOne(string previous, int count)
    {
        var protector = new PiiProtector(TestKeys.Pii(TestKeys.OtherPiiKey, previous));

        Assert.Equal(count, protector.PreviousKeyIds.Count);
        Assert.DoesNotContain(protector.CurrentKeyId, protector.PreviousKeyIds);
        Assert.All(protector.PreviousKeyIds, id => Assert.Equal(PiiProtector.KeyIdOfKey(TestKeys.PiiKey), id));
    }

    [Fact]
    public void Reseal_OldValue_OpensWithoutThePreviousKeyUnderTheSameContextOnly()
    {
        var old = Before.Seal(Secret, "complaint/1/reporter");
        Assert.ThrowsAny<CryptographicException>(() => OnlyNew.Open(old, "complaint/1/reporter"));

        var resealed = After.Reseal(old, "complaint/1/reporter");

        Assert.Equal(After.CurrentKeyId, PiiProtector.KeyIdOf(resealed));
        Assert.Equal(Secret, OnlyNew.Open(resealed, "complaint/1/reporter"));
        Assert.ThrowsAny<CryptographicException>(() => OnlyNew.Open(resealed, "complaint/2/reporter"));
        Assert.Equal(-1, resealed.AsSpan().IndexOf(Secret));
    }

    [Fact]
    public void Reseal_UnderAKeyNotConfiguredOrAnotherContext_Throws()
    {
        var old = Before.Seal(Secret, "c");

        Assert.ThrowsAny<CryptographicException>(() => OnlyNew.Reseal(old, "c"));
        Assert.ThrowsAny<CryptographicException>(() => After.Reseal(old, "another"));
    }

    [Fact]
    public void Counts_CleanOnlyWhenNothingWasWrittenLeftChangedOrFailed()
    {
        Assert.True(new ResealCounts { Examined = 10, Unrecognised = 1, Expired = 0 }.Clean);
        Assert.False(new ResealCounts { Wrote = true }.Clean);
        Assert.False(new ResealCounts { Changed = 1 }.Clean);
        Assert.False(new ResealCounts { Failed = 1 }.Clean);
        Assert.False(new ResealCounts { Left = new() { ["a1b2c3d4"] = 1 } }.Clean);
    }
}
