namespace AntiCorruption.Core.Summaries;

/// <summary>The five files of a fiscal-year summary, under <c>fy{N}/</c> in container <c>summaries</c>.</summary>
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

    /// <summary>The blob of one file; only the five names above exist, so no other blob is reachable.</summary>
    public static string? BlobName(Time.FiscalYear year, string file) =>
        ContentTypes.ContainsKey(file) ? $"fy{year.BuddhistYear}/{file}" : null;
}
