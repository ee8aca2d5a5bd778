using System.Threading.RateLimiting;
using AntiCorruption.Core.Privacy;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Sliding one-hour windows per client and action, held in memory only, and dropped by the
/// limiter once a client's window has emptied. The client is known by a keyed hash of its
/// address salted with the UTC date, so not even this process keeps an IP in plain form, and
/// yesterday's keys cannot be linked to today's. Nothing about it is ever stored. Each instance counts on its own: with several
/// instances a client gets up to that many times the limit, which still defeats code guessing.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    private const int FilesPerComplaint = 10;
    private const int RefusalsPerComplaint = 10;
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly KeyedHasher _hasher;
    private readonly Dictionary<RateLimitedAction, PartitionedRateLimiter<string>?> _limiters;

    private readonly TimeProvider _time;

    public ClientRateLimits(IOptions<RateLimitOptions> options, KeyedHasher hasher, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hasher = hasher;
        _time = time;
        _limiters = new()
        {
            [RateLimitedAction.Complaint] = Create(options.Value.ComplaintsPerHour),
            [RateLimitedAction.RefusedComplaint] = Create(options.Value.ComplaintsPerHour * RefusalsPerComplaint),
            [RateLimitedAction.Lookup] = Create(options.Value.LookupsPerHour),
            // Ten files may go with one complaint.
            [RateLimitedAction.Upload] = Create(options.Value.ComplaintsPerHour * FilesPerComplaint),
        };
    }

    /// <summary>True when the client may go on; otherwise how long until it may try again.</summary>
    public bool TryAcquire(RateLimitedAction action, string clientAddress, out TimeSpan retryAfter) =>
        Attempt(action, clientAddress, permits: 1, out retryAfter);

    /// <summary>True while the client has room for this action, without using any of it.</summary>
    public bool HasRoom(RateLimitedAction action, string clientAddress, out TimeSpan retryAfter) =>
        Attempt(action, clientAddress, permits: 0, out retryAfter);

    /// <summary>Counts one use of the action, if room is left: for what is only known to count after the fact.</summary>
    public void Count(RateLimitedAction action, string clientAddress) =>
        Attempt(action, clientAddress, permits: 1, out _);

    private bool Attempt(RateLimitedAction action, string clientAddress, int permits, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limiter = _limiters[action];
        if (limiter is null)
        {
            return true;
        }

        var day = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // A permit count of 0 asks whether any permit is left without taking one.
        using var lease = limiter.AttemptAcquire(_hasher.Hash("rate-limit-client", $"{day}|{clientAddress}"), permits);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window / 6;
        return false;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter?.Dispose();
        }
    }

    private static PartitionedRateLimiter<string>? Create(int perHour) =>
        perHour <= 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perHour,
                Window = Window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
