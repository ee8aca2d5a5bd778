using AntiCorruption.Core.Notifications;
using AntiCorruption.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Notifications;

/// <summary>Tells the people a queued notice concerns, by mail or LINE; retried by the queue, each person told once.</summary>
internal sealed class DispatchNotification(NotificationDispatcher dispatcher)
{
    [Function(nameof(DispatchNotification))]
    public Task Run([QueueTrigger(StorageNames.NotificationsQueue)] string message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(message, cancellationToken);
}
