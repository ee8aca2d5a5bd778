using System.Text.Json;
using Azure.Storage.Queues;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Events;

/// <summary>Where published events go: Service Bus in Azure, a storage queue locally.</summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}

/// <summary>Service Bus settings (<c>ServiceBus__FullyQualifiedNamespace</c>, ...); an empty namespace means local.</summary>
public sealed class ServiceBusOptions
{
    public const string Section = "ServiceBus";

    /// <summary>e.g. sb-xyz.servicebus.windows.net; empty: events go to the <c>integration-events</c> queue.</summary>
    public string FullyQualifiedNamespace { get; set; } = "";

    public string TopicName { get; set; } = "case-events";

    /// <summary>Client id of the user-assigned identity that sends.</summary>
    public string ClientId { get; set; } = "";
}

/// <summary>
/// Producers put events here (a storage queue in the app's own account) and go on; the
/// <c>ForwardIntegrationEvents</c> trigger hands them to the publisher and completes a message
/// only once the events are out. A broker that is down delays events; it never loses them and
/// never holds up intake.
/// </summary>
public sealed class EventOutbox(StorageAccount storage)
{
    private readonly QueueClient _queue = storage.Queue(StorageNames.EventOutboxQueue);

    public Task AddAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options), cancellationToken);

    public static IntegrationEvent Read(string message) =>
        JsonSerializer.Deserialize<IntegrationEvent>(message, JsonDefaults.Options) ?? throw new JsonException("Not an integration event.");
}

/// <summary>The local publisher: each event as JSON on the <c>integration-events</c> queue, to be seen and tested.</summary>
public sealed class QueueEventPublisher(StorageAccount storage) : IEventPublisher
{
    private readonly QueueClient _queue = storage.Queue(StorageNames.IntegrationEventsQueue);

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var integrationEvent in events)
        {
            await _queue.SendMessageAsync(JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options), cancellationToken);
        }
    }
}
