using System.Globalization;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Statistics;

/// <summary>
/// Counts one fiscal year's complaints for the public figures as the compile streams them past,
/// then builds the protected tables (<see cref="Build"/>). Its memory is bounded by the reference
/// data and two fixed histograms of days, whatever the number of complaints.
/// <para>
/// Only whole months are counted: complaints received before the first day of the compile's
/// Bangkok month (or the year's end, if sooner). A daily compile therefore publishes the same
/// complaints all month, and two releases differ by a whole month of them, never by the one
/// complaint of a day that a reader could pick out by comparing them.
/// </para>
/// </summary>
public sealed class PublicStatisticsBuilder
{
    /// <summary>A share or a median over fewer complaints than this is not published.</summary>
    public const int MinimumCases = 10;

    /// <summary>Used as a province, category or status id for a value the reference data does not know.</summary>
    public const string Unknown = "unknown";

    private const int MaxDays = 3650;

    private static readonly (string Id, string Th, string En)[] Statuses =
    [
        ("received", "ได้รับเรื่อง", "Received"),
        ("registered", "ลงทะเบียนรับเรื่อง", "Registered"),
        ("under_review", "อยู่ระหว่างตรวจสอบ", "Under review"),
        ("referred", "ส่งต่อหน่วยงาน", "Referred"),
        ("closed", "ยุติเรื่อง", "Closed"),
        ("dismissed", "ไม่รับไว้พิจารณา", "Dismissed"),
    ];

    private readonly FiscalYear _year;
    private readonly DateTimeOffset _now;
    private readonly ReferenceCatalog _catalog;
    private readonly Dictionary<(int Region, string Province), long> _provinces = [];
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _months = new(StringComparer.Ordinal);
    private readonly DaysHistogram _acknowledged = new(MaxDays);
    private readonly DaysHistogram _answered = new(MaxDays);
    private long _acknowledgedInTime;
    private long _acknowledgementBase;
    private long _answeredInTime;
    private long _feedbackBase;

    /// <param name="now">The compile's time: it sets the months counted and which deadlines have passed.</param>
    public PublicStatisticsBuilder(FiscalYear year, DateTimeOffset now, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        (_year, _now, _catalog) = (year, now, catalog);
        var today = Bangkok.DateOf(now);
        var monthStart = Bangkok.StartOf(new DateOnly(today.Year, today.Month, 1));
        Until = monthStart < year.End ? monthStart : year.End;
    }

    /// <summary>The first instant not counted: the start of the compile's month, or the year's end.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>False until a whole month of the year has passed: there is nothing to publish yet.</summary>
    public bool HasCompleteMonth => Until > _year.Start;

    public long Counted { get; private set; }

    public void Add(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (!_year.Contains(complaint.ReceivedAt) || complaint.ReceivedAt >= Until)
        {
            return;
        }

        Counted++;
        var province = _catalog.FindProvince(complaint.Province);
        var region = province?.PaccRegion ?? (_catalog.Regions.Any(r => r.Id == complaint.Region) ? complaint.Region : _catalog.Regions.Min(r => r.Id));
        Increment(_provinces, (region, province?.Code ?? Unknown));
        Increment(_categories, _catalog.FindCategory(complaint.Category)?.Id ?? Unknown);
        Increment(_statuses, Statuses.Any(s => s.Id == complaint.Status) ? complaint.Status : Unknown);
        Increment(_months, ComplaintStatistics.Month(complaint.ReceivedAt));

        var acknowledgeBy = ComplaintDeadlines.AcknowledgeBy(complaint.ReceivedAt);
        if (complaint.AcknowledgedAt is { } acknowledged)
        {
            _acknowledgementBase++;
            _acknowledgedInTime += acknowledged <= acknowledgeBy ? 1 : 0;
            _acknowledged.Add(acknowledged - complaint.ReceivedAt);
        }
        else if (_now > acknowledgeBy)
        {
            _acknowledgementBase++;
        }

        // Feedback: a public note, a message or a final status. Cases from before its time was
        // kept have only the final status's time, which is no earlier than the first feedback.
        var feedbackDueBy = ComplaintDeadlines.FeedbackDueBy(complaint.ReceivedAt);
        if ((complaint.FeedbackAt ?? complaint.ClosedAt) is { } answered)
        {
            _feedbackBase++;
            _answeredInTime += answered <= feedbackDueBy ? 1 : 0;
            _answered.Add(answered - complaint.ReceivedAt);
        }
        else if (_now > feedbackDueBy)
        {
            _feedbackBase++;
        }
    }

    /// <summary>
    /// The year's protected tables, with the workshops of the year that started before
    /// <see cref="Until"/>; null when no whole month has passed yet.
    /// </summary>
    public YearStatistics? Build(IEnumerable<WorkshopRegistrationSummary> workshops)
    {
        ArgumentNullException.ThrowIfNull(workshops);
        if (!HasCompleteMonth)
        {
            return null;
        }

        var regions = _catalog.Regions.OrderBy(r => r.Id).ToArray();
        var total = new DisclosureCell("complaints", Counted);
        var provinceCells = new List<(Province? Province, int Region, DisclosureCell Cell)>();
        var regionCells = regions.Select(r =>
        {
            var inRegion = _catalog.Provinces.Where(p => p.PaccRegion == r.Id).OrderBy(p => p.Code, StringComparer.Ordinal)
                .Select(p => ((Province?)p, r.Id, new DisclosureCell($"province:{p.Code}", _provinces.GetValueOrDefault((r.Id, p.Code)))))
                .ToList();
            if (_provinces.GetValueOrDefault((r.Id, Unknown)) is > 0 and var unknown)
            {
                inRegion.Add((null, r.Id, new DisclosureCell($"province:{Unknown}:{r.Id}", unknown)));
            }

            provinceCells.AddRange(inRegion);
            return new DisclosureCell($"region:{r.Id}", inRegion.Sum(p => p.Item3.Value)).Split(inRegion.Select(p => p.Item3));
        }).ToArray();
        total.Split(regionCells);

        var categories = Named(_catalog.Categories.Select(c => (c.Id, c.NameTh, c.NameEn)), _categories, "category", "ไม่ทราบประเภท", "Unknown category");
        var statuses = Named(Statuses, _statuses, "status", "ไม่ทราบสถานะ", "Unknown status");
        var months = new List<(string Month, DisclosureCell Cell)>();
        for (var month = _year.Period.From; Bangkok.StartOf(month) < Until; month = month.AddMonths(1))
        {
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months.Add((key, new DisclosureCell($"month:{key}", _months.GetValueOrDefault(key))));
        }

        total.Split(categories.Select(c => c.Cell)).Split(statuses.Select(s => s.Cell)).Split(months.Select(m => m.Cell));

        var held = workshops.Where(w => _year.Contains(w.StartsAt) && w.StartsAt < Until)
            .Select(w => (Region: _catalog.FindProvince(w.Province)?.PaccRegion, Workshop: w))
            .Where(w => w.Region is not null)
            .ToArray();
        var heldIn = regions.ToDictionary(r => r.Id, r => held.Where(w => w.Region == r.Id).ToArray());
        var attendedCells = regions.Select(r => new DisclosureCell($"attended:{r.Id}", heldIn[r.Id].Sum(w => (long)w.Workshop.CheckedIn), known: heldIn[r.Id].Length == 0)).ToArray();
        var attended = new DisclosureCell("attended", attendedCells.Sum(c => c.Value)).Split(attendedCells);
        var registered = new DisclosureCell("registered", held.Sum(w => (long)w.Workshop.Confirmed), known: held.Length == 0);

        DisclosureControl.Protect(total, attended, registered);

        var from = _year.Period.From;
        return new YearStatistics(
            _year.BuddhistYear,
            new SummaryPeriod(from, _year.Period.To),
            Bangkok.DateOf(Until).AddDays(-1),
            Bangkok.DateOf(_now),
            DisclosureControl.Threshold,
            new PublicComplaints(
                PublicCount.Of(total),
                [.. regions.Zip(regionCells, (r, c) => new RegionCount(r.Id, r.NameTh, r.NameEn, c.Shown, c.Suppressed))],
                [.. provinceCells.Select(p => new ProvinceCount(p.Province?.Code ?? Unknown, p.Region, p.Province?.NameTh ?? "ไม่ทราบจังหวัด", p.Province?.NameEn ?? "Unknown province", p.Cell.Shown, p.Cell.Suppressed))],
                [.. categories.Select(c => new NamedCount(c.Id, c.Th, c.En, c.Cell.Shown, c.Cell.Suppressed))],
                [.. statuses.Select(s => new NamedCount(s.Id, s.Th, s.En, s.Cell.Shown, s.Cell.Suppressed))],
                [.. months.Select(m => new MonthCount(m.Month, m.Cell.Shown, m.Cell.Suppressed))]),
            new PublicResponseTimes(7, null, Percent(_acknowledgedInTime, _acknowledgementBase), _acknowledged.Count >= MinimumCases ? _acknowledged.Median() : null),
            new PublicResponseTimes(null, 3, Percent(_answeredInTime, _feedbackBase), _answered.Count >= MinimumCases ? _answered.Median() : null),
            new PublicWorkshops(
                held.Length,
                PublicCount.Of(registered),
                PublicCount.Of(attended),
                registered.Shown is { } seats && seats > 0 && attended.Shown is { } came ? (int)(100 * came / seats) : null,
                [.. regions.Select((r, i) => new RegionWorkshops(r.Id, r.NameTh, r.NameEn, heldIn[r.Id].Length, PublicCount.Of(attendedCells[i])))]));
    }

    /// <summary>Whole percent, rounded down (100 only when every one did), over at least <see cref="MinimumCases"/>.</summary>
    private static int? Percent(long part, long whole) => whole >= MinimumCases ? (int)(100 * part / whole) : null;

    /// <summary>The rows of a list of known ids, and one more for ids it does not know, when there are any.</summary>
    private static List<(string Id, string Th, string En, DisclosureCell Cell)> Named(
        IEnumerable<(string Id, string Th, string En)> known, Dictionary<string, long> counts, string table, string unknownTh, string unknownEn)
    {
        var rows = known.Select(k => (k.Id, k.Th, k.En, new DisclosureCell($"{table}:{k.Id}", counts.GetValueOrDefault(k.Id)))).ToList();
        if (counts.GetValueOrDefault(Unknown) is > 0 and var unknown)
        {
            rows.Add((Unknown, unknownTh, unknownEn, new DisclosureCell($"{table}:{Unknown}", unknown)));
        }

        return rows;
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Whole days from receipt, up to ten years (later ones share the last day).</summary>
    private sealed class DaysHistogram(int maxDays)
    {
        private readonly long[] _days = new long[maxDays + 1];

        public long Count { get; private set; }

        public void Add(TimeSpan elapsed)
        {
            _days[(int)Math.Clamp(Math.Floor(elapsed.TotalDays), 0, _days.Length - 1)]++;
            Count++;
        }

        /// <summary>The lower median, in whole days.</summary>
        public int Median()
        {
            var half = (Count + 1) / 2;
            long seen = 0;
            for (var day = 0; day < _days.Length; day++)
            {
                seen += _days[day];
                if (seen >= half)
                {
                    return day;
                }
            }

            return _days.Length - 1;
        }
    }
}
