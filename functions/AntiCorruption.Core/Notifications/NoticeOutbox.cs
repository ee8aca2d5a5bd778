using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using Azure.Storage.Queues;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Producers put a <see cref="Notice"/> here and go on: a slow or failing mail service or LINE
/// never holds up intake or a staff action, and a notice not yet sent waits on the queue (with
/// its retries and poison queue) instead of being lost.
/// </summary>
public sealed class NoticeOutbox(StorageAccount storage)
{
    private readonly QueueClient _queue = storage.Queue(StorageNames.NotificationsQueue);

    public Task SendAsync(Notice notice, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(notice, JsonDefaults.Options), cancellationToken);

    /// <summary>Notices to send later (a reminder); a storage queue hides a message for at most 7 days.</summary>
    public Task SendAsync(Notice notice, TimeSpan delay, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(notice, JsonDefaults.Options), delay, null, cancellationToken);

    public static Notice Read(string message)
    {
        var notice = JsonSerializer.Deserialize<Notice>(message, JsonDefaults.Options);
        return notice is { Version: Notice.CurrentVersion, Id.Length: 32, Kind.Length: > 0 } ? notice : throw new JsonException("Not a version-1 notice.");
    }
}
