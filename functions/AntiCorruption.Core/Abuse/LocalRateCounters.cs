using System.Collections.Concurrent;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// This instance's own counters: what the limits fall back to while storage is slow or down, and
/// a mirror of what this instance let through, so the fallback starts from what it knows. Counters
/// whose window has passed are dropped as new ones arrive, so memory stays bounded by the clients
/// of the last hour.
/// </summary>
public sealed class LocalRateCounters : IRateCounters
{
    private const int PruneEvery = 4096;
    private readonly ConcurrentDictionary<string, Dictionary<int, int>> _counters = new(StringComparer.Ordinal);
    private int _sincePrune;

    public int Count => _counters.Count;

    public Task<RateDecision> AcquireAsync(string counter, int limit, int permits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Acquire(counter, limit, permits, now));

    public RateDecision Acquire(string counter, int limit, int permits, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _sincePrune) % PruneEvery == 0)
        {
            Prune(now);
        }

        var segments = _counters.GetOrAdd(counter, _ => []);
        lock (segments)
        {
            var decision = RateWindow.Decide(segments, limit, permits, now);
            if (decision.Allowed && permits > 0)
            {
                var current = RateWindow.SegmentOf(now);
                segments[current] = segments.GetValueOrDefault(current) + permits;
            }

            return decision;
        }
    }

    /// <summary>Drops counters with nothing left in the window (counters are per day, so yesterday's go too).</summary>
    public void Prune(DateTimeOffset now)
    {
        var day = RateWindow.DayOf(now);
        var first = RateWindow.FirstSegment(RateWindow.SegmentOf(now));
        foreach (var (key, segments) in _counters)
        {
            bool stale;
            lock (segments)
            {
                stale = !key.StartsWith(day, StringComparison.Ordinal) || segments.Keys.All(s => s < first);
            }

            if (stale)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }
}
