using System.Text;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Testing;
using MiniExcelLibs;

namespace AntiCorruption.Core.Tests.Summaries;

/// <summary>What report.html and report.xlsx say beside the "acknowledged within 7 days" figure.</summary>
public class SummaryReportTests
{
    private static readonly ReferenceCatalog Catalog = SeedLoader.Load(RepoPaths.Seeds);
    private const string Note = "นับเฉพาะเรื่องที่รับทราบแล้วหรือพ้นกำหนด 7 วันแล้ว";

    private static FiscalYearSummary Summary(double? acknowledgedShare, long acknowledgedBase) => new(
        2570,
        new SummaryPeriod(new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30)),
        new DateTimeOffset(2026, 10, 2, 18, 0, 0, TimeSpan.Zero),
        new ComplaintSummary(30, new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), 0.5, acknowledgedShare, acknowledgedBase, null),
        new RegistrationSummary(0, []),
        [],
        []);

    private static async Task<string> HtmlAsync(FiscalYearSummary summary)
    {
        using var stream = new MemoryStream();
        await SummaryReport.WriteAsync(summary, Catalog, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<IDictionary<string, object>> AcknowledgedRowAsync(FiscalYearSummary summary)
    {
        using var stream = new MemoryStream();
        await SummaryWorkbook.WriteAsync(summary, Catalog, stream, CancellationToken.None);
        stream.Position = 0;
        return stream.Query(useHeaderRow: true, sheetName: "สรุป").Cast<IDictionary<string, object>>().Single(r => (string)r["หัวข้อ"] == "สัดส่วนรับเรื่องภายใน 7 วัน");
    }

    [Fact]
    public async Task Reports_NoComplaintPastItsSevenDays_ShowADashAndTheNoteNotZero()
    {
        var summary = Summary(null, 0);

        var html = await HtmlAsync(summary);
        var row = await AcknowledgedRowAsync(summary);

        Assert.Contains($"รับเรื่องภายใน 7 วัน<b>–</b><small>{Note} (0 เรื่อง)</small>", html, StringComparison.Ordinal);
        Assert.True(row["ค่า"] is null or "");
        Assert.Equal($"{Note} (0 เรื่อง)", row["หมายเหตุ"]);
    }

    [Fact]
    public async Task Reports_SomeComplaintsCounted_ShowTheShareWithHowManyItIsOver()
    {
        var summary = Summary(0.25, 1200);

        var html = await HtmlAsync(summary);
        var row = await AcknowledgedRowAsync(summary);

        Assert.Contains($"รับเรื่องภายใน 7 วัน<b>25.0 %</b><small>{Note} (1,200 เรื่อง)</small>", html, StringComparison.Ordinal);
        Assert.Equal(0.25, Convert.ToDouble(row["ค่า"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"{Note} (1,200 เรื่อง)", row["หมายเหตุ"]);
    }
}
