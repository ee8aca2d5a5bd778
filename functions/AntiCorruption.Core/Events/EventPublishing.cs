using System.Text.Json;
using Azure.Storage.Queues;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Options;

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
public sealed class EventOutbox(StorageAccount storage, IOptions<EventOptions> options, TimeProvider time)
{
    /// <summary>
    /// JSON per outbox message: a queue message holds 64 KiB, of which base64 leaves 48 KiB; an
    /// event is a few hundred bytes.
    /// </summary>
    internal const int MaxMessageBytes = 40 * 1024;

    private readonly QueueClient _queue = storage.Queue(StorageNames.EventOutboxQueue);

    public Task AddAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options), cancellationToken);

    /// <summary>
    /// An event about a complaint: invisible in the outbox until its Bangkok day is over (see
    /// <see cref="ComplaintEventRelease"/>), unless <see cref="EventOptions.HoldComplaintEvents"/> is off.
    /// A storage queue keeps a message hidden for up to seven days, its time to live, so a day is well inside.
    /// </summary>
    public Task AddComplaintEventAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(
            JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options),
            options.Value.HoldComplaintEvents ? ComplaintEventRelease.Delay(time.GetUtcNow()) : null,
            null,
            cancellationToken);

    /// <summary>
    /// Events of one step (seats given in one decision, hotspots of one scan) as few messages as
    /// fit: one storage call for a hundred confirmations instead of a hundred.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var message in Pack(events))
        {
            await _queue.SendMessageAsync(message, cancellationToken);
        }
    }

    /// <summary>JSON arrays of events, each under <see cref="MaxMessageBytes"/>.</summary>
    public static IEnumerable<string> Pack(IReadOnlyList<IntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var batch = new List<string>();
        var size = 2;
        foreach (var json in events.Select(e => JsonSerializer.Serialize(e, JsonDefaults.Options)))
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(json) + 1;
            if (batch.Count > 0 && size + bytes > MaxMessageBytes)
            {
                yield return "[" + string.Join(',', batch) + "]";
                batch.Clear();
                size = 2;
            }

            batch.Add(json);
            size += bytes;
        }

        if (batch.Count > 0)
        {
            yield return "[" + string.Join(',', batch) + "]";
        }
    }

    /// <summary>One published event (an integration-events message, or a single outbox message).</summary>
    public static IntegrationEvent Read(string message) =>
        JsonSerializer.Deserialize<IntegrationEvent>(message, JsonDefaults.Options) ?? throw new JsonException("Not an integration event.");

    /// <summary>The events of an outbox message: one event, or an array of them.</summary>
    public static IReadOnlyList<IntegrationEvent> ReadAll(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<IntegrationEvent[]>(message, JsonDefaults.Options) is { } events && events.All(e => e is not null)
                ? events
                : throw new JsonException("Not an array of integration events.")
            : [Read(message)];
    }
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
