using System.Globalization;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// The arithmetic of a sliding hour kept as six ten-minute segments of a UTC day: what is used,
/// whether there is room, and when room comes back. The same for the shared counters in storage
/// and the instance's own, so the two never disagree about a window.
/// </summary>
public static class RateWindow
{
    public const int Segments = 6;
    public static readonly TimeSpan Segment = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Length = Segment * Segments;

    /// <summary>The day's segment a moment falls in, 0 to 143.</summary>
    public static int SegmentOf(DateTimeOffset now) => (int)(now.UtcDateTime.TimeOfDay.Ticks / Segment.Ticks);

    /// <summary>The UTC day, which also salts the client's key: counters never outlive it.</summary>
    public static string DayOf(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The first segment still inside the window that ends with <paramref name="current"/>.</summary>
    public static int FirstSegment(int current) => Math.Max(0, current - Segments + 1);

    /// <summary>
    /// Whether <paramref name="permits"/> more uses fit under <paramref name="limit"/> given the
    /// counts per segment; 0 permits asks whether any room is left. When there is none, the answer
    /// says when the oldest counted segment leaves the window (or the day ends, which resets the key).
    /// </summary>
    public static RateDecision Decide(IReadOnlyDictionary<int, int> counts, int limit, int permits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var current = SegmentOf(now);
        var first = FirstSegment(current);
        var used = counts.Where(c => c.Key >= first && c.Key <= current).Sum(c => c.Value);
        if (used + Math.Max(permits, 1) <= limit)
        {
            return RateDecision.Allow;
        }

        var oldest = counts.Where(c => c.Key >= first && c.Key <= current && c.Value > 0).Select(c => c.Key).DefaultIfEmpty(current).Min();
        var timeOfDay = now.UtcDateTime.TimeOfDay;
        var freed = TimeSpan.FromTicks(Math.Min((oldest + Segments) * Segment.Ticks, TimeSpan.TicksPerDay)) - timeOfDay;
        return RateDecision.Refuse(freed < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : freed);
    }
}

/// <summary>Whether a client may go on, and if not, how long until it may try again.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateDecision Allow { get; } = new(true, TimeSpan.Zero);

    public static RateDecision Refuse(TimeSpan retryAfter) => new(false, retryAfter);
}
