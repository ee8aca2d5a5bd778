using System.Globalization;
using System.Net;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Tracking;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// The workspace's report screens: fiscal-year summaries compiled and downloaded from the page,
/// hotspots of one's region, and the audit trail with its filters and the check of its chain.
/// </summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceReportTests(AppFixture fixture) : IAsyncLifetime
{
    /// <summary>A fiscal year no other test stores anything in: the audit test asks for its compile.</summary>
    private const int AuditedYear = 2562;

    private static readonly LocatorAssertionsToContainTextOptions LongWait = new() { Timeout = 150_000 };
    private readonly AppHost _app = fixture.Host;
    private WorkspaceBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WorkspaceBrowser.LaunchAsync(_app);

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Summary_IsCompiledWithTheKeyboard_AndDownloadedFromThePage_AndARegionSeesOnlyItsOwn()
    {
        var page = await _browser.SignedInAsync("สมศรี สำนักงานใหญ่", "all", [StaffRoles.SummariesRead], WorkspaceBrowser.Desktop, "#/summaries");
        await Assertions.Expect(page.Locator("#summaries-compile")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#summaries-excel")).ToContainTextAsync("report.xlsx");
        var year = int.Parse(await page.InputValueAsync("#fiscalYear"), CultureInfo.InvariantCulture);

        // Keyboard only: Tab to "compile now" and press Enter.
        await WorkspaceBrowser.TabToAsync(page, "#summaries-compile");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#summaries-compile")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#summaries-status .notice.ok")).ToContainTextAsync($"ปีงบประมาณ {year} เสร็จแล้ว", LongWait);
        Assert.Equal("status", await page.GetAttributeAsync("#summaries-status", "role"));

        var national = $"button[data-year='{year}'][data-scope='national']";
        var json = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(national + "[data-file='summary.json']"));
        var summary = JsonDocument.Parse(await File.ReadAllBytesAsync((await json.PathAsync())!)).RootElement;
        Assert.Equal(year, summary.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("national", summary.GetProperty("scope").GetString());
        Assert.EndsWith("summary.json", json.SuggestedFilename, StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(national + "[data-file='report.xlsx']"));
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync((await xlsx.PathAsync())!))[..2]);

        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "summaries-desktop");

        // A region-8 officer: region 8's files of the same compile, and no national ones.
        var regional = await _browser.SignedInAsync("สมชาย เขตแปด", "8", [StaffRoles.SummariesRead], WorkspaceBrowser.Phone, "#/summaries");
        await Assertions.Expect(regional.Locator($"button[data-year='{year}'][data-file='report.xlsx']")).ToHaveCountAsync(1);
        var scopes = await regional.Locator("button[data-file]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.scope)");
        Assert.NotEmpty(scopes);
        Assert.All(scopes, s => Assert.Equal("region-8", s));
        var file = await regional.RunAndWaitForDownloadAsync(() => regional.ClickAsync($"button[data-year='{year}'][data-file='summary.json']"));
        Assert.Equal("region-8", JsonDocument.Parse(await File.ReadAllBytesAsync((await file.PathAsync())!)).RootElement.GetProperty("scope").GetString());
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(regional));
        await WorkspaceBrowser.ScreenshotAsync(regional, "summaries-phone");
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Hotspots_ARegionalOfficerSeesTheirRegionsRise_AndChoosesAnotherYearWithTheKeyboard()
    {
        var agency = "กรมทดสอบหน้าจุดเสี่ยง" + Guid.NewGuid().ToString("N")[..6];
        await PlantAsync(agency, "TH-86", 8, 10);
        await _app.Service<HotspotScan>().RunAsync(CancellationToken.None);

        var page = await _browser.SignedInAsync("สมหญิง เขตแปด", "8", [StaffRoles.ComplaintsRead], WorkspaceBrowser.Desktop, "#/hotspots");
        var table = page.Locator("#hotspots-table");
        await Assertions.Expect(table.Locator("tr", new() { HasText = agency })).ToContainTextAsync("ภาค 8");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "ชุมพร" })).ToContainTextAsync("จังหวัด");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "hotspots-desktop");

        var phone = await _browser.SignedInAsync("สมหญิง เขตแปด", "8", [StaffRoles.ComplaintsRead], WorkspaceBrowser.Phone, "#/hotspots");
        await Assertions.Expect(phone.Locator("#hotspots-table")).ToContainTextAsync(agency);
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(phone));
        await WorkspaceBrowser.ScreenshotAsync(phone, "hotspots-phone");

        // Keyboard only: the year before, then "show": none were stored for it.
        var current = await phone.InputValueAsync("#fiscalYear");
        await WorkspaceBrowser.TabToAsync(phone, "#fiscalYear");
        await phone.Keyboard.PressAsync("ArrowDown");
        var earlier = await phone.InputValueAsync("#fiscalYear");
        Assert.Equal(int.Parse(current, CultureInfo.InvariantCulture) - 1, int.Parse(earlier, CultureInfo.InvariantCulture));
        await phone.Keyboard.PressAsync("Tab");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.Locator("#hotspots-none")).ToContainTextAsync(earlier);
        Assert.Contains("fiscalYear=" + earlier, phone.Url, StringComparison.Ordinal);
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(phone));
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Audit_HeadOfficeSeesTheRecords_FiltersByAction_AndVerifiesTheTrailWithTheKeyboard()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{AuditedYear}/compile", null, StaffRoles.SummariesRead, StaffRoles.AllRegions)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Get, "api/staff/audit/verify", null, StaffRoles.AuditRead, StaffRoles.Region(8))).StatusCode);

        var page = await _browser.SignedInAsync("สมปอง ผู้ตรวจสอบ", "all", [StaffRoles.AuditRead], WorkspaceBrowser.Desktop, "#/audit");
        var compiled = page.Locator("#audit-table tr[data-action='summary.compile']", new() { HasText = "officer-Summaries.Read" });
        await Assertions.Expect(compiled.First).ToContainTextAsync($"fy{AuditedYear}");
        await Assertions.Expect(page.Locator("#audit-table tr[data-action='staff.refused']").First).ToContainTextAsync("ไม่ระบุภาค");

        await page.SelectOptionAsync("#action", "summary.compile");
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#action")).ToHaveValueAsync("summary.compile");
        await Assertions.Expect(page.Locator("#audit-count")).ToContainTextAsync("แสดง");
        var actions = await page.Locator("#audit-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("summary.compile", a));
        Assert.Contains("action=summary.compile", page.Url, StringComparison.Ordinal);

        // From a Bangkok day years back, shown again in the Buddhist era.
        await page.FillAsync("#from", "2020-01-01");
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#audit-dates")).ToContainTextAsync("1 ม.ค. 2563");
        await Assertions.Expect(page.Locator("#audit-table tr[data-action='summary.compile']").First).ToBeVisibleAsync();
        Assert.Contains("from=2020-01-01", page.Url, StringComparison.Ordinal);

        // Keyboard only: Tab to "verify the trail" and press Enter.
        await WorkspaceBrowser.TabToAsync(page, "#audit-verify");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#audit-verify-result .notice.ok")).ToContainTextAsync("ถูกต้องครบถ้วน");
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(page));
        await WorkspaceBrowser.ScreenshotAsync(page, "audit-desktop");

        var phone = await _browser.SignedInAsync("สมปอง ผู้ตรวจสอบ", "all", [StaffRoles.AuditRead], WorkspaceBrowser.Phone, "#/audit");
        await Assertions.Expect(phone.Locator("#audit-table tr[data-action='summary.compile']").First).ToBeVisibleAsync();
        Assert.Empty(await WorkspaceBrowser.AccessibilityProblemsAsync(phone));
        await WorkspaceBrowser.ScreenshotAsync(phone, "audit-phone");

        // A regional officer has no verify button, and no record of no region.
        var regional = await _browser.SignedInAsync("สมใจ เขตแปด", "8", [StaffRoles.AuditRead], WorkspaceBrowser.Desktop, "#/audit");
        await Assertions.Expect(regional.Locator("#audit-table, #audit-none")).ToBeVisibleAsync();
        await Assertions.Expect(regional.Locator("#audit-verify")).ToHaveCountAsync(0);
        await Assertions.Expect(regional.Locator("#audit-table tr[data-action='staff.refused']")).ToHaveCountAsync(0);
        Assert.Empty(_browser.Errors);
    }

    /// <summary>Stores <paramref name="count"/> complaints of the last days about one agency in one province, as the queue would.</summary>
    private async Task PlantAsync(string agency, string province, int region, int count)
    {
        var processor = _app.Service<ComplaintProcessor>();
        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<PiiProtector>();
        for (var i = 0; i < count; i++)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-i - 1);
            var id = ComplaintIds.New(at);
            await processor.ProcessAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                1, id, codes.Hash(codes.New()), at, ComplaintChannel.Web, "procurement", province, region, agency, null, null, true, false, [],
                pii.SealJson(new CaseDetails(null, "การจัดซื้อจัดจ้างผิดปกติหลายครั้งในเดือนนี้", null, null, null), ComplaintMessage.DetailsContext(id)), null)), CancellationToken.None);
        }
    }
}
