using AntiCorruption.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Every hour at :20: deletes idempotency answers over an hour old (a sealed tracking code is kept
/// no longer than a retry needs it), stale LINE conversations, old LINE event markers and
/// yesterday's rate-limit counters.
/// </summary>
internal sealed class PurgeExpiredRecords(ExpiredRecords records)
{
    [Function(nameof(PurgeExpiredRecords))]
    public Task Run([TimerTrigger("0 20 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => records.PurgeAsync(cancellationToken);
}
