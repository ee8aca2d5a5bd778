using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// The notices of the day, queued by timers: each region's overdue digest (to regions with
/// addresses configured), and the reminder of each workshop that starts tomorrow, Bangkok time.
/// A timer that fires twice on one day queues the same notice ids, so nobody is mailed twice.
/// </summary>
public sealed class DailyNotices(NoticeOutbox notices, WorkshopCatalog workshops, IOptions<NotificationOptions> options, TimeProvider time)
{
    public async Task<int> QueueOverdueDigestsAsync(CancellationToken cancellationToken)
    {
        var day = Bangkok.DateOf(time.GetUtcNow());
        var regions = Enumerable.Range(0, 10).Where(r => options.Value.AddressesOf(r).Count > 0).ToArray();
        foreach (var region in regions)
        {
            await notices.SendAsync(Notice.Of(NoticeKinds.OverdueDigest, $"{day:yyyy-MM-dd}|{region}", region: region), cancellationToken);
        }

        return regions.Length;
    }

    public async Task<int> QueueRemindersAsync(CancellationToken cancellationToken)
    {
        var tomorrow = Bangkok.DateOf(time.GetUtcNow()).AddDays(1);
        var year = FiscalYear.Of(Bangkok.StartOf(tomorrow));
        var starting = (await workshops.ListYearAsync(year, cancellationToken)).Where(w => Bangkok.DateOf(w.StartsAt) == tomorrow).ToArray();
        foreach (var workshop in starting)
        {
            await notices.SendAsync(Notice.Of(NoticeKinds.WorkshopReminder, $"{workshop.RowKey}|{tomorrow:yyyy-MM-dd}", workshopId: workshop.RowKey), cancellationToken);
        }

        return starting.Length;
    }
}
