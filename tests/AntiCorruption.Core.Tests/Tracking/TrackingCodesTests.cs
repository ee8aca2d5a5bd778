using System.Text.RegularExpressions;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Tests.Tracking;

public partial class TrackingCodesTests
{
    private readonly TrackingCodes _codes = new(new KeyedHasher(TestKeys.Pii()));

    [GeneratedRegex("^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Shape();

    [Fact]
    public void New_Always_HasTwentyUnambiguousSymbolsInGroupsOfFour()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = _codes.New();
            Assert.Matches(Shape(), code);
            Assert.DoesNotContain('I', code);
            Assert.DoesNotContain('L', code);
            Assert.DoesNotContain('O', code);
            Assert.DoesNotContain('U', code);
        }
    }

    [Fact]
    public void New_TenThousandCodes_AreAllDifferentAndUseEverySymbol()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => _codes.New()).ToArray();

        Assert.Equal(codes.Length, codes.Distinct().Count());
        // The 16 random symbols should cover the whole alphabet; a broken generator would not.
        var symbols = codes.SelectMany(c => c.Replace("-", "", StringComparison.Ordinal)[..16]).Distinct().Count();
        Assert.Equal(32, symbols);
    }

    [Fact]
    public void IsAuthentic_IssuedCode_IsTrue()
    {
        var code = _codes.New();

        Assert.True(_codes.IsAuthentic(code));
    }

    [Fact]
    public void IsAuthentic_AnyCheckSymbolChanged_IsFalse()
    {
        var code = _codes.New();
        var symbols = code.ToCharArray();
        for (var position = symbols.Length - 4; position < symbols.Length; position++)
        {
            var changed = (char[])symbols.Clone();
            changed[position] = changed[position] == '7' ? '8' : '7';
            Assert.False(_codes.IsAuthentic(new string(changed)), $"changed at {position}");
        }
    }

    [Fact]
    public void IsAuthentic_TypoInRandomPart_IsFalse()
    {
        var code = _codes.New();
        var changed = (code[0] == 'A' ? 'B' : 'A') + code[1..];

        Assert.False(_codes.IsAuthentic(changed));
    }

    [Fact]
    public void IsAuthentic_CodeFromAnotherDeployment_IsFalse()
    {
        var otherKey = Options.Create(new PiiOptions { Key = TestKeys.PiiKey, HashKey = TestKeys.OtherPiiKey });
        var foreign = new TrackingCodes(new KeyedHasher(otherKey)).New();

        Assert.False(_codes.IsAuthentic(foreign));
    }

    [Fact]
    public void IsAuthentic_ConfirmationCode_IsFalseAndTheOtherWayRound()
    {
        var confirmations = new ConfirmationCodes(new KeyedHasher(TestKeys.Pii()));
        var confirmation = confirmations.New();
        var tracking = _codes.New();

        Assert.False(_codes.IsAuthentic(confirmation));
        Assert.False(confirmations.IsAuthentic(tracking));
        Assert.Equal(CodeCheck.Own, _codes.CheckOf(tracking));
        Assert.Equal(CodeCheck.Own, confirmations.CheckOf(confirmation));
    }

    [Fact]
    public void CheckOf_CodeIssuedBeforeKindsHadTheirOwnCheck_IsSharedForBothKinds()
    {
        var hasher = new KeyedHasher(TestKeys.Pii());
        var old = SharedCheckCodes.New(hasher);

        Assert.Equal(CodeCheck.Shared, _codes.CheckOf(old));
        Assert.Equal(CodeCheck.Shared, new ConfirmationCodes(hasher).CheckOf(old));
        Assert.True(_codes.IsAuthentic(old));
    }

    [Fact]
    public void TryNormalize_AsPeopleTypeIt_GivesTheCanonicalCode()
    {
        var code = _codes.New();
        var sloppy = code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()
            .Replace('0', 'o').Replace('1', 'l');

        Assert.True(TrackingCodes.TryNormalize(sloppy, out var canonical));
        Assert.Equal(code, canonical);
        Assert.True(TrackingCodes.TryNormalize(code.Replace("-", "", StringComparison.Ordinal), out canonical));
        Assert.Equal(code, canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVW")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWXY")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWU")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVW!")]
    [InlineData("กขคง-EFGH-JKMN-PQRS-TVWX")]
    public void TryNormalize_NotACode_IsFalse(string input)
    {
        Assert.False(TrackingCodes.TryNormalize(input, out _));
    }

    [Fact]
    public void Hash_IsKeyedAndStable()
    {
        var code = _codes.New();
        var other = new TrackingCodes(new KeyedHasher(Options.Create(new PiiOptions { Key = TestKeys.PiiKey, HashKey = TestKeys.OtherPiiKey })));

        Assert.Equal(_codes.Hash(code), _codes.Hash(code));
        Assert.Matches("^[0-9a-f]{64}$", _codes.Hash(code));
        Assert.NotEqual(_codes.Hash(code), other.Hash(code));
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), _codes.Hash(code), StringComparison.Ordinal);
    }
}
