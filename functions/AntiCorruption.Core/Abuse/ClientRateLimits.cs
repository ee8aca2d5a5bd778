using System.Collections.Concurrent;
using AntiCorruption.Core.Privacy;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Sliding one-hour limits per client and action, counted in storage that every instance shares
/// (<see cref="TableRateCounters"/>), so a client meets one limit however many instances the
/// platform runs. The client is known by a keyed hash of its address (an IPv6 /64) salted with the
/// UTC date: no instance holds an address in plain form, and yesterday's keys cannot be linked to
/// today's.
/// <para>
/// Storage is asked with a short deadline. When it is slow or down the instance decides on its own
/// counters (<see cref="LocalRateCounters"/>), which mirror what it let through: a limit then holds
/// per instance rather than overall, and a public route is never slowed or failed by its limit.
/// A client refused is remembered here until its retry time, so a flood costs storage one read
/// per instance and retry window, not one per request.
/// </para>
/// </summary>
public sealed partial class ClientRateLimits
{
    private const int FilesPerComplaint = 10;
    private const int RefusalsPerComplaint = 10;
    private const int MaxRemembered = 100_000;
    private static readonly TimeSpan FallbackLogInterval = TimeSpan.FromMinutes(1);

    private readonly KeyedHasher _hasher;
    private readonly IRateCounters _shared;
    private readonly LocalRateCounters _local = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<RateLimitedAction, int> _limits;
    private readonly TimeSpan _sharedTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientRateLimits> _logger;
    private long _lastFallbackLogTicks;

    public ClientRateLimits(IOptions<RateLimitOptions> options, KeyedHasher hasher, IRateCounters shared, TimeProvider time, ILogger<ClientRateLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _hasher = hasher;
        _shared = shared;
        _time = time;
        _logger = logger;
        _sharedTimeout = o.SharedCounterTimeout;
        _limits = new()
        {
            [RateLimitedAction.Complaint] = o.ComplaintsPerHour,
            [RateLimitedAction.RefusedComplaint] = o.ComplaintsPerHour * RefusalsPerComplaint,
            [RateLimitedAction.Lookup] = o.LookupsPerHour,
            // Ten files may go with one complaint.
            [RateLimitedAction.Upload] = o.ComplaintsPerHour * FilesPerComplaint,
            [RateLimitedAction.Registration] = o.RegistrationsPerHour,
            [RateLimitedAction.Read] = o.ReadsPerHour,
            [RateLimitedAction.RefusedWebhook] = o.RefusedWebhookCallsPerHour,
            [RateLimitedAction.LineMessage] = o.LineMessagesPerHour,
        };
    }

    /// <summary>Takes one use of the action when the client has room; otherwise says when to come back.</summary>
    public Task<RateDecision> TryAcquireAsync(RateLimitedAction action, string client, CancellationToken cancellationToken) =>
        AttemptAsync(action, client, permits: 1, cancellationToken);

    /// <summary>Whether the client has room for this action, without using any of it.</summary>
    public Task<RateDecision> HasRoomAsync(RateLimitedAction action, string client, CancellationToken cancellationToken) =>
        AttemptAsync(action, client, permits: 0, cancellationToken);

    /// <summary>Counts one use of the action, if room is left: for what is only known to count after the fact.</summary>
    public Task CountAsync(RateLimitedAction action, string client, CancellationToken cancellationToken) =>
        AttemptAsync(action, client, permits: 1, cancellationToken);

    private async Task<RateDecision> AttemptAsync(RateLimitedAction action, string client, int permits, CancellationToken cancellationToken)
    {
        var limit = _limits[action];
        if (limit <= 0)
        {
            return RateDecision.Allow;
        }

        var now = _time.GetUtcNow();
        var day = RateWindow.DayOf(now);
        var counter = $"{day}-{action}-{_hasher.Hash("rate-limit-client", $"{day}|{client}")}";
        if (_refusedUntil.TryGetValue(counter, out var until) && until > now)
        {
            return RateDecision.Refuse(until - now);
        }

        RateDecision decision;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_sharedTimeout);
            decision = await _shared.AcquireAsync(counter, limit, permits, now, deadline.Token);
            if (decision.Allowed)
            {
                // The local counters hold every use this instance let through, those decided on
                // them while storage was slow included, which the shared counters never saw: when
                // they are full the client has had its limit, whatever the shared count says. So
                // for a question of room (no permits) as much as for a use.
                decision = _local.Acquire(counter, limit, permits, now);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RequestFailedException or TimeoutException)
        {
            LogFallbackNowAndThen(now);
            decision = _local.Acquire(counter, limit, permits, now);
        }

        if (!decision.Allowed)
        {
            Remember(counter, now + decision.RetryAfter, now);
        }

        return decision;
    }

    private void Remember(string counter, DateTimeOffset until, DateTimeOffset now)
    {
        if (_refusedUntil.Count >= MaxRemembered)
        {
            foreach (var (key, value) in _refusedUntil)
            {
                if (value <= now)
                {
                    _refusedUntil.TryRemove(key, out _);
                }
            }
        }

        if (_refusedUntil.Count < MaxRemembered)
        {
            _refusedUntil[counter] = until;
        }
    }

    private void LogFallbackNowAndThen(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastFallbackLogTicks);
        if (now.UtcTicks - last >= FallbackLogInterval.Ticks && Interlocked.CompareExchange(ref _lastFallbackLogTicks, now.UtcTicks, last) == last)
        {
            LogFallback(_logger, _sharedTimeout.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate-limit counters did not answer within {TimeoutMs} ms; this instance limits on its own counters until they do")]
    private static partial void LogFallback(ILogger logger, double timeoutMs);
}
