using System.Text.Json;
using Azure.Messaging.ServiceBus;
using AntiCorruption.Core.Json;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Events;

/// <summary>
/// Publishes to the Service Bus topic in as few batches as fit: message id = event id (for
/// duplicate detection), subject = event type, correlation id = the case, JSON body with its
/// schema version. Transient failures are retried with back-off; if they persist the exception
/// reaches the queue trigger, whose message then comes back later.
/// </summary>
public sealed partial class ServiceBusEventPublisher(ServiceBusSender sender, ILogger<ServiceBusEventPublisher> logger) : IEventPublisher
{
    private const int Attempts = 4;

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new Queue<ServiceBusMessage>(events.Select(ToMessage));
        while (pending.Count > 0)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"Event {pending.Peek().MessageId} is too large for one Service Bus message.");
            }

            await SendWithRetriesAsync(batch, cancellationToken);
        }
    }

    public static ServiceBusMessage ToMessage(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(integrationEvent, JsonDefaults.Options))
        {
            MessageId = integrationEvent.EventId,
            Subject = integrationEvent.EventType,
            CorrelationId = integrationEvent.CorrelationId,
            ContentType = "application/json",
        };
        message.ApplicationProperties["schemaVersion"] = integrationEvent.SchemaVersion;
        return message;
    }

    private async Task SendWithRetriesAsync(ServiceBusMessageBatch batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sender.SendMessagesAsync(batch, cancellationToken);
                return;
            }
            catch (ServiceBusException ex) when (ex.IsTransient && attempt < Attempts)
            {
                LogRetry(logger, ex.Reason.ToString(), attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1)), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus send failed ({Reason}); retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string reason, int attempt);
}
