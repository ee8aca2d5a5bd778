using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Telemetry;
using Azure.Storage.Queues;

namespace AntiCorruption.Core.Complaints;

/// <summary>The <c>complaints</c> queue: the write that makes an accepted complaint durable.</summary>
public sealed class ComplaintQueueWriter(StorageAccount storage)
{
    private readonly QueueClient _queue = storage.Queue(StorageNames.ComplaintsQueue);

    /// <summary>
    /// Returns once storage has acknowledged the message: from then on it is durable. The message
    /// carries the send's trace context, so its processing continues this trace.
    /// </summary>
    public async Task SendAsync(ComplaintMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var send = QueueTrace.StartSend(StorageNames.ComplaintsQueue);
        try
        {
            await _queue.SendMessageAsync(Serialize(message with { TraceParent = QueueTrace.TraceParentOf(send) }), cancellationToken: cancellationToken);
        }
        catch (Exception ex)
        {
            AppTelemetry.RecordFailure(send, ex);
            throw;
        }
    }

    public static string Serialize(ComplaintMessage message) => JsonSerializer.Serialize(message, JsonDefaults.Options);

    public static ComplaintMessage Deserialize(string text)
    {
        var message = JsonSerializer.Deserialize<ComplaintMessage>(text, JsonDefaults.Options)
            ?? throw new JsonException("The complaint message is null.");
        if (message.Version != ComplaintMessage.CurrentVersion || !ComplaintIds.IsValid(message.ComplaintId)
            || message.TrackingHash is not { Length: 64 } || message.Details is not { Length: > 0 })
        {
            throw new JsonException("The complaint message is not a complete version-1 message.");
        }

        return message;
    }
}
