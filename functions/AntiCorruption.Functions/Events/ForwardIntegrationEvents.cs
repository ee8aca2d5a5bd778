using AntiCorruption.Core.Events;
using AntiCorruption.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Events;

/// <summary>Hands the events of an outbox message to the publisher; the message is completed only once they are all out.</summary>
internal sealed class ForwardIntegrationEvents(IEventPublisher publisher)
{
    [Function(nameof(ForwardIntegrationEvents))]
    public Task Run([QueueTrigger(StorageNames.EventOutboxQueue)] string message, CancellationToken cancellationToken) =>
        publisher.PublishAsync(EventOutbox.ReadAll(message), cancellationToken);
}
