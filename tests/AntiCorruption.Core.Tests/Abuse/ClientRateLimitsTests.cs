using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Tests.Abuse;

public class ClientRateLimitsTests
{
    private static ClientRateLimits Limits(FixedTime time, int complaints = 3, int lookups = 2) =>
        new(Options.Create(new RateLimitOptions { ComplaintsPerHour = complaints, LookupsPerHour = lookups }), new KeyedHasher(TestKeys.Pii()), time);

    [Fact]
    public void TryAcquire_OverTheLimit_RefusesWithARetryTime()
    {
        using var limits = Limits(new FixedTime(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero)));

        var results = Enumerable.Range(0, 4).Select(i => limits.TryAcquire(RateLimitedAction.Complaint, "203.0.113.5", out _)).ToArray();
        limits.TryAcquire(RateLimitedAction.Complaint, "203.0.113.5", out var retryAfter);

        Assert.Equal([true, true, true, false], results);
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromHours(1));
    }

    [Fact]
    public void TryAcquire_ActionsAndClientsAreCountedApart()
    {
        using var limits = Limits(new FixedTime(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero)), complaints: 1, lookups: 1);

        Assert.True(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _));
        Assert.True(limits.TryAcquire(RateLimitedAction.Lookup, "a", out _));
        Assert.True(limits.TryAcquire(RateLimitedAction.Complaint, "b", out _));
        Assert.False(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _));
        // Ten files may go with each allowed complaint.
        Assert.Equal(10, Enumerable.Range(0, 11).Count(i => limits.TryAcquire(RateLimitedAction.Upload, "a", out _)));
    }

    [Fact]
    public void TryAcquire_NextDay_TheClientKeyChanges()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 26, 23, 59, 0, TimeSpan.Zero));
        using var limits = Limits(time, complaints: 1);
        Assert.True(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _));
        Assert.False(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _));

        time.Now = time.Now.AddMinutes(2);

        Assert.True(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _));
    }

    [Fact]
    public void TryAcquire_LimitZero_NeverRefuses()
    {
        using var limits = Limits(new FixedTime(DateTimeOffset.UtcNow), complaints: 0);

        Assert.All(Enumerable.Range(0, 100), i => Assert.True(limits.TryAcquire(RateLimitedAction.Complaint, "a", out _)));
    }
}
