using AntiCorruption.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// On <c>%RetentionSchedule%</c> (03:00 Bangkok by default): applies <c>seeds/retention.json</c>.
/// Reporters' identities, evidence files and conversations of cases closed long enough ago,
/// registrants' contacts and names, and old poison messages are erased, a bounded number of each;
/// the counts go to the audit trail first.
/// </summary>
internal sealed class ApplyRetention(RetentionRun run)
{
    [Function(nameof(ApplyRetention))]
    public Task Run([TimerTrigger("%RetentionSchedule%")] TimerInfo timer, CancellationToken cancellationToken) => run.ApplyAsync(cancellationToken);
}
