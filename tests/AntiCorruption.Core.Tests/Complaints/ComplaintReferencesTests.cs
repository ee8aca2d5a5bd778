using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Tests.Complaints;

public class ComplaintReferencesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 3, 12, 45, 678, TimeSpan.Zero);
    private readonly ComplaintReferences _references = new(new KeyedHasher(TestKeys.Pii()));

    [Fact]
    public void Of_ComplaintId_IsStableAndResolvesBackToTheId()
    {
        var id = ComplaintIds.New(At);

        var reference = _references.Of(id);

        Assert.Equal(reference, _references.Of(id));
        Assert.Equal(ComplaintReferences.Length, reference.Length);
        Assert.StartsWith("R", reference, StringComparison.Ordinal);
        Assert.True(_references.TryResolve(reference, out var resolved));
        Assert.Equal(id, resolved);
        Assert.True(_references.TryResolve(" " + reference.ToLowerInvariant() + " ", out resolved));
        Assert.Equal(id, resolved);
    }

    /// <summary>
    /// Ids made in the same millisecond share their first ten symbols (the time); their references
    /// share nothing: the first symbol after R is spread over its eight values, and no reference
    /// holds an id-shaped token that tells a time.
    /// </summary>
    [Fact]
    public void Of_IdsOfOneMillisecond_ShareNoPrefixAndCarryNoTime()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => ComplaintIds.New(At)).ToArray();

        var references = ids.Select(_references.Of).ToArray();

        Assert.All(ids, id => Assert.Equal(At, ComplaintIds.TimeOf(id)));
        Assert.Equal(2000, references.Distinct().Count());
        Assert.Equal(8, references.Select(r => r[1]).Distinct().Count());
        Assert.True(references.Select(r => r[1..5]).Distinct().Count() > 1900);
        Assert.Empty(TimeTraces.TimedIds(string.Join(' ', references)));
        Assert.DoesNotContain(references, r => r.Contains(ids[0][..10], StringComparison.Ordinal));
    }

    [Fact]
    public void Of_AnotherHashKey_GivesAnotherReference()
    {
        var id = ComplaintIds.New(At);
        var other = new ComplaintReferences(new KeyedHasher(Options.Create(new PiiOptions { Key = TestKeys.PiiKey, HashKey = TestKeys.OtherPiiKey })));

        Assert.NotEqual(_references.Of(id), other.Of(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01JDQ3N8X2M4B6C8D0E2F4G6H8")]
    [InlineData("X01JDQ3N8X2M4B6C8D0E2F4G6H8")]
    [InlineData("R81JDQ3N8X2M4B6C8D0E2F4G6H8")]
    [InlineData("R01JDQ3N8X2M4B6C8D0E2F4G6HU")]
    [InlineData("R01JDQ3N8X2M4B6C8D0E2F4G6H")]
    public void TryResolve_NotAReference_IsFalse(string? text) =>
        Assert.False(_references.TryResolve(text, out _));
}
