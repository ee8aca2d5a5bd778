using AntiCorruption.Core.Line;
using AntiCorruption.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Line;

/// <summary>Runs the conversation for each queued LINE event and answers the user.</summary>
internal sealed class ProcessLineEvent(LineEventProcessor processor)
{
    [Function(nameof(ProcessLineEvent))]
    public Task Run([QueueTrigger(StorageNames.LineEventsQueue)] string message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
