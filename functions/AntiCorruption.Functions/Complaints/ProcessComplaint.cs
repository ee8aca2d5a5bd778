using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Complaints;

/// <summary>Stores each queued complaint; a message that keeps failing goes to <c>complaints-poison</c>.</summary>
internal sealed class ProcessComplaint(ComplaintProcessor processor)
{
    [Function(nameof(ProcessComplaint))]
    public Task Run(
        [QueueTrigger(StorageNames.ComplaintsQueue)] string message,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
