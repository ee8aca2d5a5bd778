using AntiCorruption.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>Every day at 03:00 Bangkok (20:00 UTC): deletes idempotency answers, stale LINE conversations and old LINE event markers.</summary>
internal sealed class PurgeExpiredRecords(ExpiredRecords records)
{
    [Function(nameof(PurgeExpiredRecords))]
    public Task Run([TimerTrigger("0 0 20 * * *")] TimerInfo timer, CancellationToken cancellationToken) => records.PurgeAsync(cancellationToken);
}
