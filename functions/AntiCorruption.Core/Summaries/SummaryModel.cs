namespace AntiCorruption.Core.Summaries;

/// <summary>summary.json: the numbers of one fiscal year, for the nation or one region (<see cref="Scope"/>: <c>national</c> or <c>region-{n}</c>).</summary>
public sealed record FiscalYearSummary(
    int FiscalYear,
    SummaryPeriod Period,
    DateTimeOffset GeneratedAt,
    ComplaintSummary Complaints,
    RegistrationSummary Registrations,
    IReadOnlyList<PilotProvinceSummary> PilotProvinces,
    IReadOnlyList<Hotspots.HotspotRecord> Hotspots,
    string Scope = "national");

public sealed record SummaryPeriod(DateOnly From, DateOnly To);

public sealed record ComplaintSummary(
    long Total,
    IReadOnlyDictionary<string, long> ByRegion,
    IReadOnlyDictionary<string, long> ByProvince,
    IReadOnlyDictionary<string, long> ByCategory,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByChannel,
    IReadOnlyDictionary<string, long> ByMonth,
    double AnonymousShare,
    double? AcknowledgedWithin7DaysShare,
    long AcknowledgedWithin7DaysBase,
    double? MedianDaysToClose);

public sealed record RegistrationSummary(long Total, IReadOnlyList<WorkshopRegistrationSummary> ByWorkshop);

public sealed record WorkshopRegistrationSummary(
    string WorkshopId,
    string Title,
    string Province,
    DateTimeOffset StartsAt,
    int Capacity,
    int Confirmed,
    int Waitlisted,
    int Cancelled,
    int CheckedIn,
    double AttendanceRate);

public sealed record PilotProvinceSummary(string Code, string NameTh, string NameEn, int Region);

/// <summary>One file as the staff list shows it.</summary>
public sealed record SummaryFileInfo(string Name, long Size, string ContentType, string Sha256);

/// <summary>One fiscal year's files of one scope (<c>national</c> or <c>region-{n}</c>).</summary>
public sealed record SummaryListing(int FiscalYear, string Scope, DateTimeOffset? GeneratedAt, IReadOnlyList<SummaryFileInfo> Files);
