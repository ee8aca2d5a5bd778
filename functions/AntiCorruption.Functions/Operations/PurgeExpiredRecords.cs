using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// Every hour at :20: deletes idempotency answers over an hour old (a sealed tracking code is kept
/// no longer than a retry needs it), stale LINE conversations, old LINE event markers and
/// yesterday's rate-limit counters; then cleans and seals up to 100 evidence files that earlier
/// versions stored as they were sent (<see cref="EarlierEvidenceSealing"/>), until none is left.
/// </summary>
internal sealed class PurgeExpiredRecords(ExpiredRecords records, EarlierEvidenceSealing earlierEvidence)
{
    [Function(nameof(PurgeExpiredRecords))]
    public async Task Run([TimerTrigger("0 20 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await records.PurgeAsync(cancellationToken);
        await earlierEvidence.SealAsync(cancellationToken);
    }
}
