using System.Text.Json.Serialization;
using AntiCorruption.Core.Summaries;

namespace AntiCorruption.Core.Statistics;

/// <summary>
/// The public figures of one fiscal year, as compiled into <c>summaries/public/fy{N}.json</c> and
/// served by <c>GET /api/public/statistics</c> and the page <c>/api/statistics</c>. Counts only:
/// no agency, no text, nothing of a single case; every count under the threshold and the counts
/// that would give it away are suppressed (<see cref="DisclosureControl"/>).
/// </summary>
/// <param name="DataUntil">The last day counted: complaints are counted by whole months received, up to the end of the last month completed before the compile.</param>
/// <param name="PublishedOn">The Bangkok date of the compile (statuses and response times are as of then).</param>
public sealed record YearStatistics(
    int FiscalYear,
    SummaryPeriod Period,
    DateOnly DataUntil,
    DateOnly PublishedOn,
    int Threshold,
    PublicComplaints Complaints,
    PublicResponseTimes Acknowledgement,
    PublicResponseTimes Feedback,
    PublicWorkshops Workshops)
{
    /// <summary>Every year with published figures, newest first: added when served, not stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? AvailableYears { get; init; }
}

/// <summary>A count as published: <see cref="Count"/> when shown, else null and why (<see cref="Suppressed"/>).</summary>
public sealed record PublicCount(long? Count, Suppression? Suppressed)
{
    public static PublicCount Of(DisclosureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return new(cell.Shown, cell.Suppressed);
    }
}

public sealed record PublicComplaints(
    PublicCount Total,
    IReadOnlyList<RegionCount> ByRegion,
    IReadOnlyList<ProvinceCount> ByProvince,
    IReadOnlyList<NamedCount> ByCategory,
    IReadOnlyList<NamedCount> ByStatus,
    IReadOnlyList<MonthCount> ByMonth);

public sealed record RegionCount(int Region, string NameTh, string NameEn, long? Count, Suppression? Suppressed);

/// <summary>A province's row; <see cref="Province"/> is <c>unknown</c> for complaints whose province is not in the reference data.</summary>
public sealed record ProvinceCount(string Province, int Region, string NameTh, string NameEn, long? Count, Suppression? Suppressed);

/// <summary>A category's or a status's row, by its id.</summary>
public sealed record NamedCount(string Id, string NameTh, string NameEn, long? Count, Suppression? Suppressed);

/// <summary>A Bangkok calendar month, <c>yyyy-MM</c> in the Common Era.</summary>
public sealed record MonthCount(string Month, long? Count, Suppression? Suppressed);

/// <summary>
/// How fast complaints were answered: the share (whole percent, rounded down) that met the
/// deadline, and the median in whole days (rounded down) among those answered. Both are null
/// when fewer than <see cref="PublicStatisticsBuilder.MinimumCases"/> complaints are behind them.
/// </summary>
/// <param name="DeadlineDays">7 for the acknowledgement; null for feedback, whose deadline is three calendar months.</param>
public sealed record PublicResponseTimes(int? DeadlineDays, int? DeadlineMonths, int? WithinDeadlinePercent, int? MedianDays);

/// <summary>
/// Workshops held (whole count: workshops are public events), seats taken and people who came.
/// The attendance share is given only when both counts are shown.
/// </summary>
public sealed record PublicWorkshops(
    int Held,
    PublicCount Registered,
    PublicCount Attended,
    int? AttendancePercent,
    IReadOnlyList<RegionWorkshops> ByRegion);

public sealed record RegionWorkshops(int Region, string NameTh, string NameEn, int Held, PublicCount Attended);
