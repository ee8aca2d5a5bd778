using System.Globalization;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Summaries;

/// <summary>
/// Counts complaints as they stream past, as they stand at <paramref name="now"/> (the compile's
/// time). Everything it keeps is bounded by the reference data (regions, provinces, categories,
/// statuses, channels, months) or by a fixed histogram of days-to-close, so its memory does not
/// grow with the number of complaints.
/// </summary>
public sealed class ComplaintStatistics(DateTimeOffset now)
{
    /// <summary>Days to close, in tenths of a day, up to ten years; later ones share the last bucket.</summary>
    private readonly long[] _closeTenths = new long[36_501];

    // Rows come newest first, so consecutive rows share a month: its key is made once per month.
    private DateTimeOffset _monthFrom = DateTimeOffset.MaxValue;
    private DateTimeOffset _monthTo = DateTimeOffset.MinValue;
    private string _month = "";

    public long Total { get; private set; }
    public long Anonymous { get; private set; }
    public long AcknowledgedWithin7Days { get; private set; }

    /// <summary>
    /// The complaints the 7-day figure is over: those acknowledged, and those whose 7 days ended
    /// before now. One still inside its 7 days and not acknowledged has neither kept nor missed the
    /// promise yet; counting it as missed made a week of fresh complaints look like failures.
    /// </summary>
    public long AcknowledgedWithin7DaysBase { get; private set; }

    public long Closed { get; private set; }
    public SortedDictionary<int, long> ByRegion { get; } = [];
    public SortedDictionary<string, long> ByProvince { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> ByCategory { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> ByStatus { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> ByChannel { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> ByMonth { get; } = new(StringComparer.Ordinal);

    public void Add(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        Total++;
        Anonymous += complaint.Anonymous ? 1 : 0;
        Increment(ByRegion, complaint.Region);
        Increment(ByProvince, complaint.Province);
        Increment(ByCategory, complaint.Category);
        Increment(ByStatus, complaint.Status);
        Increment(ByChannel, complaint.Channel);
        Increment(ByMonth, MonthOf(complaint.ReceivedAt));
        var acknowledgeBy = ComplaintDeadlines.AcknowledgeBy(complaint.ReceivedAt);
        if (complaint.AcknowledgedAt is { } acknowledged)
        {
            AcknowledgedWithin7DaysBase++;
            AcknowledgedWithin7Days += acknowledged <= acknowledgeBy ? 1 : 0;
        }
        else if (now > acknowledgeBy)
        {
            AcknowledgedWithin7DaysBase++;
        }

        if (complaint.ClosedAt is { } closed)
        {
            Closed++;
            var tenths = (long)Math.Floor(Math.Max(0, (closed - complaint.ReceivedAt).TotalDays) * 10);
            _closeTenths[Math.Min(tenths, _closeTenths.Length - 1)]++;
        }
    }

    /// <summary>Median days from receipt to a final status, to a tenth of a day; null when none closed.</summary>
    public double? MedianDaysToClose()
    {
        if (Closed == 0)
        {
            return null;
        }

        // The lower median: the smallest bucket by which half the closed cases are counted.
        var half = (Closed + 1) / 2;
        long seen = 0;
        for (var i = 0; i < _closeTenths.Length; i++)
        {
            seen += _closeTenths[i];
            if (seen >= half)
            {
                return i / 10.0;
            }
        }

        return null;
    }

    public double Share(long part) => Ratio(part, Total) ?? 0;

    /// <summary>Null while no complaint has reached its 7 days or been acknowledged: 0 would say every one was late.</summary>
    public double? AcknowledgedWithin7DaysShare() => Ratio(AcknowledgedWithin7Days, AcknowledgedWithin7DaysBase);

    /// <summary>The Bangkok calendar month of an instant, as yyyy-MM (Common Era).</summary>
    public static string Month(DateTimeOffset instant) => Bangkok.ToBangkok(instant).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private string MonthOf(DateTimeOffset instant)
    {
        if (instant < _monthFrom || instant >= _monthTo)
        {
            var date = Bangkok.DateOf(instant);
            var first = new DateOnly(date.Year, date.Month, 1);
            (_monthFrom, _monthTo, _month) = (Bangkok.StartOf(first), Bangkok.StartOf(first.AddMonths(1)), Month(instant));
        }

        return _month;
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static void Increment<TKey>(SortedDictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
