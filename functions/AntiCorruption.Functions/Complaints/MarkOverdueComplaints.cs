using AntiCorruption.Core.Complaints;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>Every day at 07:00 Bangkok (00:00 UTC): flags late complaints and logs the count per region.</summary>
internal sealed class MarkOverdueComplaints(OverdueCheck check)
{
    [Function(nameof(MarkOverdueComplaints))]
    public Task Run([TimerTrigger("0 0 0 * * *")] TimerInfo timer, CancellationToken cancellationToken) => check.RunAsync(cancellationToken);
}
