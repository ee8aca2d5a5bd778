namespace AntiCorruption.Core.Summaries;

/// <summary>
/// The five files of a fiscal-year summary, in container <c>summaries</c>: the national ones under
/// <c>fy{N}/</c>, each region's under <c>fy{N}/regions/{n}/</c> (see <see cref="SummaryScope"/>).
/// </summary>
public static class SummaryFiles
{
    public const string Json = "summary.json";
    public const string ComplaintsCsv = "complaints.csv";
    public const string RegistrationsCsv = "registrations.csv";
    public const string Xlsx = "report.xlsx";
    public const string Html = "report.html";

    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Json] = "application/json; charset=utf-8",
        [ComplaintsCsv] = "text/csv; charset=utf-8",
        [RegistrationsCsv] = "text/csv; charset=utf-8",
        [Xlsx] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [Html] = "text/html; charset=utf-8",
    };

    /// <summary>The blob of one national file; only the five names above exist, so no other blob is reachable.</summary>
    public static string? BlobName(Time.FiscalYear year, string file) => SummaryScope.National.BlobName(year, file);
}
