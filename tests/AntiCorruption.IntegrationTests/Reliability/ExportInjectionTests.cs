using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Testing;
using MiniExcelLibs;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// Hostile text typed by reporters, registrants and staff (formulas in every form a spreadsheet
/// reads them, markup) goes through every export: the year's complaints.csv, registrations.csv,
/// report.xlsx and report.html, and a workshop's attendee list as CSV and xlsx. No cell may start
/// a formula, and the report shows markup as text.
/// </summary>
[Collection(AppTests.Name)]
public class ExportInjectionTests(AppFixture fixture)
{
    private static readonly string[] Formulas = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "＝1+1", "=HYPERLINK(\"http://evil.example\",\"คลิก\")"];
    private const string Markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task HostileText_EveryExport_StartsNoFormulaAndShowsMarkupAsText()
    {
        // Complaints with a formula in each free-text column the exports carry.
        var codes = new List<string>();
        DateTimeOffset? receivedAt = null;
        foreach (var formula in Formulas)
        {
            var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = formula, accusedName = formula, subject = formula, description = "เรียกรับเงินเพื่อออกใบอนุญาต " + formula, anonymous = true });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
            codes.Add(receipt.GetProperty("trackingCode").GetString()!);
            // The reporter is told the Bangkok date; its first instant is in the same fiscal year.
            receivedAt ??= Bangkok.StartOf(DateOnly.Parse(receipt.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture));
        }

        // A workshop named with a formula and markup, and registrants who type formulas.
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 3, title: Formulas[^1] + " " + Markup, venue: "@ห้องประชุม");
        var confirmations = new List<string>();
        foreach (var (formula, i) in Formulas.Select((f, i) => (f, i)))
        {
            var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = formula, position = formula, agency = formula, province = "TH-80", email = $"formula{i}.{Guid.NewGuid():N}@example.go.th", consent = true });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            confirmations.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!);
        }

        foreach (var code in codes)
        {
            await ReporterLookups.RegisteredAsync(_app.Client, code, TimeSpan.FromSeconds(20));
        }

        foreach (var code in confirmations)
        {
            await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() != "pending" ? "" : null, TimeSpan.FromSeconds(30), "seats decided");
        }

        // The attendee list.
        AssertNoFormula("attendees.csv", Cells(await StaffBytesAsync($"api/staff/workshops/{workshop}/attendees?format=csv", StaffRoles.WorkshopsManage)));
        AssertNoFormula("attendees.xlsx", Xlsx(await StaffBytesAsync($"api/staff/workshops/{workshop}/attendees?format=xlsx", StaffRoles.WorkshopsManage)));

        // The fiscal years' summary files: the complaints' year, and the workshop's, which is the
        // next one when the tests run in the weeks before 1 October.
        var year = FiscalYear.Of(receivedAt!.Value).BuddhistYear;
        var workshopYear = (await _app.Client.GetFromJsonAsync<JsonElement>($"api/workshops/{workshop}")).GetProperty("fiscalYear").GetInt32();
        await TestSummaries.CompileAsync(_app, year);
        if (workshopYear != year)
        {
            await TestSummaries.CompileAsync(_app, workshopYear);
        }

        var complaints = Cells(await StaffBytesAsync($"api/staff/summaries/{year}/complaints.csv", StaffRoles.SummariesRead));
        var registrations = Cells(await StaffBytesAsync($"api/staff/summaries/{workshopYear}/registrations.csv", StaffRoles.SummariesRead));
        AssertNoFormula("complaints.csv", complaints);
        AssertNoFormula("registrations.csv", registrations);
        AssertNoFormula("report.xlsx", Xlsx(await StaffBytesAsync($"api/staff/summaries/{year}/report.xlsx", StaffRoles.SummariesRead)));
        Assert.Contains(complaints, cell => cell == "'=1+1");
        Assert.Contains(registrations, cell => cell.Contains("HYPERLINK", StringComparison.Ordinal));

        var html = Encoding.UTF8.GetString(await StaffBytesAsync($"api/staff/summaries/{year}/report.html", StaffRoles.SummariesRead));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertNoFormula(string file, IEnumerable<string> cells)
    {
        var dangerous = cells.Where(c => c.Length > 0 && FormulaStarts.Contains(c[0])).ToArray();
        Assert.True(dangerous.Length == 0, $"{file} has cells that start a formula: {string.Join(" | ", dangerous.Take(5))}");
    }

    private async Task<byte[]> StaffBytesAsync(string path, string role)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, path, null, role);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<string> Cells(byte[] csv) => TestSummaries.Csv(csv).SelectMany(row => row).ToList();

    /// <summary>Every text cell of every sheet.</summary>
    private static List<string> Xlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var cells = new List<string>();
        foreach (var sheet in stream.GetSheetNames())
        {
            stream.Position = 0;
            foreach (IDictionary<string, object?> row in stream.Query(sheetName: sheet))
            {
                cells.AddRange(row.Values.OfType<string>());
            }
        }

        return cells;
    }
}
