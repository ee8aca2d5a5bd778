using AntiCorruption.Core.Notifications;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Notifications;

/// <summary>
/// The day's notices. Times are UTC (the Functions default): the overdue digest at 08:30 Bangkok,
/// after the deadline check of 07:00 has marked what is late; workshop reminders at 10:00 Bangkok
/// for the workshops of the next day.
/// </summary>
internal sealed class QueueDailyNotices(DailyNotices daily)
{
    [Function("QueueOverdueDigests")]
    public Task Digests([TimerTrigger("0 30 1 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        daily.QueueOverdueDigestsAsync(cancellationToken);

    [Function("QueueWorkshopReminders")]
    public Task Reminders([TimerTrigger("0 0 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        daily.QueueRemindersAsync(cancellationToken);
}
