namespace AntiCorruption.Core.Abuse;

/// <summary>Counters of one client's uses of one action, per segment of <see cref="RateWindow"/>.</summary>
public interface IRateCounters
{
    /// <summary>
    /// Takes <paramref name="permits"/> uses under <paramref name="limit"/> when they fit, in one
    /// step as far as other callers can tell; 0 permits only asks.
    /// </summary>
    Task<RateDecision> AcquireAsync(string counter, int limit, int permits, DateTimeOffset now, CancellationToken cancellationToken);
}
