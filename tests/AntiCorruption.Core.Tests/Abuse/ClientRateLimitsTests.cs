using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Testing;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Tests.Abuse;

public class ClientRateLimitsTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static ClientRateLimits Limits(TimeProvider time, IRateCounters? shared = null, int complaints = 3, int lookups = 2, TimeSpan? timeout = null) =>
        new(
            Options.Create(new RateLimitOptions { ComplaintsPerHour = complaints, LookupsPerHour = lookups, SharedCounterTimeout = timeout ?? TimeSpan.FromSeconds(5) }),
            new KeyedHasher(TestKeys.Pii()),
            shared ?? new LocalRateCounters(),
            time,
            NullLogger<ClientRateLimits>.Instance);

    private static async Task<bool[]> TakeAsync(ClientRateLimits limits, RateLimitedAction action, string client, int times)
    {
        var results = new bool[times];
        for (var i = 0; i < times; i++)
        {
            results[i] = (await limits.TryAcquireAsync(action, client, default)).Allowed;
        }

        return results;
    }

    [Fact]
    public async Task TryAcquire_OverTheLimit_RefusesUntilTheOldestSegmentLeavesTheHour()
    {
        var time = new FixedTime(Ten.AddMinutes(3));
        var limits = Limits(time);

        var results = await TakeAsync(limits, RateLimitedAction.Complaint, "203.0.113.5", 4);
        time.Now = Ten.AddMinutes(25);
        var refused = await limits.TryAcquireAsync(RateLimitedAction.Complaint, "203.0.113.5", default);

        Assert.Equal([true, true, true, false], results);
        // The three were counted in the segment 10:00-10:10, which leaves the window at 11:00.
        Assert.Equal(TimeSpan.FromMinutes(35), refused.RetryAfter);
        time.Now = Ten.AddMinutes(59);
        Assert.False((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "203.0.113.5", default)).Allowed);
        time.Now = Ten.AddMinutes(60);
        Assert.Equal(new[] { true, true, true, false }, await TakeAsync(limits, RateLimitedAction.Complaint, "203.0.113.5", 4));
    }

    [Fact]
    public async Task TryAcquire_ActionsAndClientsAreCountedApart()
    {
        var limits = Limits(new FixedTime(Ten), complaints: 1, lookups: 1);

        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Lookup, "a", default)).Allowed);
        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "b", default)).Allowed);
        Assert.False((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        // Ten files may go with each allowed complaint.
        Assert.Equal(10, (await TakeAsync(limits, RateLimitedAction.Upload, "a", 11)).Count(allowed => allowed));
    }

    [Fact]
    public async Task HasRoom_AsksWithoutTaking()
    {
        var limits = Limits(new FixedTime(Ten), complaints: 1);

        Assert.True((await limits.HasRoomAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        Assert.True((await limits.HasRoomAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        Assert.False((await limits.HasRoomAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
    }

    [Fact]
    public async Task TryAcquire_NextDay_TheClientKeyChanges()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 26, 23, 59, 0, TimeSpan.Zero));
        var limits = Limits(time, complaints: 1);
        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
        var refused = await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default);
        Assert.False(refused.Allowed);
        // The key changes at midnight UTC, so that is when it may come back.
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);

        time.Now = time.Now.AddMinutes(2);

        Assert.True((await limits.TryAcquireAsync(RateLimitedAction.Complaint, "a", default)).Allowed);
    }

    [Fact]
    public async Task TryAcquire_LimitZero_NeverRefuses()
    {
        var limits = Limits(new FixedTime(Ten), complaints: 0);

        Assert.All(await TakeAsync(limits, RateLimitedAction.Complaint, "a", 100), Assert.True);
    }

    [Fact]
    public async Task TwoInstances_OnOneSharedStore_KeepOneLimit()
    {
        var time = new FixedTime(Ten);
        var shared = new LocalRateCounters();
        var first = Limits(time, shared, lookups: 4);
        var second = Limits(time, shared, lookups: 4);

        var results = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            results.Add((await first.TryAcquireAsync(RateLimitedAction.Lookup, "a", default)).Allowed);
            results.Add((await second.TryAcquireAsync(RateLimitedAction.Lookup, "a", default)).Allowed);
        }

        Assert.Equal([true, true, true, true, false, false], results);
    }

    [Fact]
    public async Task SharedStoreSlow_DecidesOnItsOwnCountersWithinTheDeadline()
    {
        var time = new FixedTime(Ten);
        var limits = Limits(time, new StuckCounters(), lookups: 2, timeout: TimeSpan.FromMilliseconds(50));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var results = await TakeAsync(limits, RateLimitedAction.Lookup, "a", 3);

        Assert.Equal([true, true, false], results);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"three decisions took {watch.Elapsed}: the deadline did not hold");
    }

    [Fact]
    public async Task SharedStoreDown_DecidesOnItsOwnCounters_WhichRememberWhatWasLetThrough()
    {
        var time = new FixedTime(Ten);
        var shared = new SwitchableCounters();
        var limits = Limits(time, shared, lookups: 3);
        Assert.Equal(new[] { true, true }, await TakeAsync(limits, RateLimitedAction.Lookup, "a", 2));

        shared.Down = true;

        Assert.Equal(new[] { true, false }, await TakeAsync(limits, RateLimitedAction.Lookup, "a", 2));
    }

    [Fact]
    public async Task SharedStoreBack_UsesLetThroughWhileItWasDownStillCount()
    {
        // A slow moment (one decision on the instance's own counters, which storage never saw),
        // then storage answers again: the client still gets its limit, not the limit plus one.
        var time = new FixedTime(Ten);
        var shared = new SwitchableCounters { Down = true };
        var limits = Limits(time, shared, complaints: 3);
        Assert.Equal(new[] { true }, await TakeAsync(limits, RateLimitedAction.Complaint, "a", 1));

        shared.Down = false;

        Assert.Equal(new[] { true, true, false }, await TakeAsync(limits, RateLimitedAction.Complaint, "a", 3));
    }

    [Fact]
    public async Task SharedStoreBack_RoomIsAskedOfTheInstancesCountersToo()
    {
        // A count that storage missed (it was slow) still counts when the next request only asks
        // whether there is room, as the intake does before it reads a body: a flood of refusals is
        // bounded at the limit, not the limit plus what storage missed.
        var time = new FixedTime(Ten);
        var shared = new SwitchableCounters();
        var limits = Limits(time, shared, complaints: 3);
        await limits.CountAsync(RateLimitedAction.Complaint, "a", CancellationToken.None);
        await limits.CountAsync(RateLimitedAction.Complaint, "a", CancellationToken.None);
        shared.Down = true;
        await limits.CountAsync(RateLimitedAction.Complaint, "a", CancellationToken.None);
        shared.Down = false;

        Assert.False((await limits.HasRoomAsync(RateLimitedAction.Complaint, "a", CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Refused_IsRememberedUntilItsRetryTime_SoAFloodDoesNotReachStorage()
    {
        var time = new FixedTime(Ten);
        var shared = new SwitchableCounters();
        var limits = Limits(time, shared, lookups: 2);

        await TakeAsync(limits, RateLimitedAction.Lookup, "a", 100);
        var callsDuringFlood = shared.Calls;
        time.Now = Ten.AddHours(1);
        var afterwards = await limits.TryAcquireAsync(RateLimitedAction.Lookup, "a", default);

        Assert.Equal(3, callsDuringFlood);
        Assert.True(afterwards.Allowed);
    }

    /// <summary>Storage that never answers.</summary>
    private sealed class StuckCounters : IRateCounters
    {
        public async Task<RateDecision> AcquireAsync(string counter, int limit, int permits, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return RateDecision.Allow;
        }
    }

    /// <summary>Working counters that can be made to fail as storage does when it is unreachable.</summary>
    private sealed class SwitchableCounters : IRateCounters
    {
        private readonly LocalRateCounters _counters = new();

        public bool Down { get; set; }

        public int Calls { get; private set; }

        public Task<RateDecision> AcquireAsync(string counter, int limit, int permits, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Calls++;
            return Down ? throw new RequestFailedException(503, "storage unavailable") : _counters.AcquireAsync(counter, limit, permits, now, cancellationToken);
        }
    }
}
