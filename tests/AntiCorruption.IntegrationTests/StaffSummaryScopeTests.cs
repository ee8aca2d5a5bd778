using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Summaries per scope, on fiscal year 2566 (no other test stores anything in it): one compile
/// makes the national files and each region's own; region 8 lists and downloads region 8's only,
/// region 9 its own, head office the national ones and every region's.
/// </summary>
[Collection(AppTests.Name)]
public class StaffSummaryScopeTests(AppFixture fixture)
{
    private const int Year = 2566;
    private readonly AppHost _app = fixture.Host;

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _compiled;

    private static readonly string[] HeadOffice = [StaffRoles.SummariesRead, StaffRoles.AllRegions];
    private static readonly string[] Region8 = [StaffRoles.SummariesRead, StaffRoles.Region(8)];
    private static readonly string[] Region9 = [StaffRoles.SummariesRead, StaffRoles.Region(9)];

    /// <summary>Three complaints in region 8, two in region 9, one in Bangkok; a workshop with registrations in each of regions 8 and 9; compiled once.</summary>
    private async Task CompiledAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_compiled)
            {
                return;
            }

            var processor = _app.Service<ComplaintProcessor>();
            var codes = _app.Service<TrackingCodes>();
            var pii = _app.Service<PiiProtector>();
            var planted = new[] { ("TH-86", 8), ("TH-86", 8), ("TH-80", 8), ("TH-96", 9), ("TH-96", 9), ("TH-10", 0) };
            for (var i = 0; i < planted.Length; i++)
            {
                var (province, region) = planted[i];
                var receivedAt = new DateTimeOffset(2022, 11, 1, 3, 0, 0, TimeSpan.Zero).AddDays(i * 20);
                var id = ComplaintIds.New(receivedAt);
                await processor.ProcessAsync(ComplaintQueueWriter.Serialize(new ComplaintMessage(
                    1, id, codes.Hash(codes.New()), receivedAt, ComplaintChannel.Web, "bribery", province, region, $"หน่วยงานเขต {region}", null, null, true, false, [],
                    pii.SealJson(new CaseDetails(null, "รายละเอียดที่ห้ามปรากฏในไฟล์สรุป", null, null, null), ComplaintMessage.DetailsContext(id)), null)), CancellationToken.None);
            }

            var startsAt = new DateTimeOffset(2023, 2, 10, 2, 0, 0, TimeSpan.Zero);
            var ours = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-86", 8, startsAt, capacity: 10);
            await LegacyWorkshopRows.RegistrationAsync(_app, ours, "ผู้อบรม เขตแปด", "checked_in", 1, startsAt.AddDays(-5), startsAt);
            var theirs = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-96", 9, startsAt, capacity: 10);
            await LegacyWorkshopRows.RegistrationAsync(_app, theirs, "ผู้อบรม เขตเก้า ก", "confirmed", 1, startsAt.AddDays(-5));
            await LegacyWorkshopRows.RegistrationAsync(_app, theirs, "ผู้อบรม เขตเก้า ข", "confirmed", 2, startsAt.AddDays(-4));

            // The compile request goes through the route (audited, queued); the compile itself is
            // run here to the end, so that every scope's files are in place when the tests read them.
            Assert.Equal(HttpStatusCode.Accepted, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{Year}/compile", null, Region8)).StatusCode);
            await _app.Service<SummaryCompiler>().CompileAsync(new FiscalYear(Year), CancellationToken.None);
            // The queued request compiles too: its run must be over, or it rewrites the files between reads.
            await TestSummaries.QueuedCompilesDoneAsync(_app);
            _compiled = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement[]> ListedAsync(string[] roles)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/summaries", null, roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Where(y => y.GetProperty("fiscalYear").GetInt32() == Year)];
    }

    private Task<HttpResponseMessage> GetAsync(string path, string[] roles) => _app.StaffAsync(HttpMethod.Get, path, null, roles);

    private async Task<JsonElement> SummaryAsync(string path, string[] roles)
    {
        var response = await GetAsync(path, roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement;
    }

    [Fact]
    public async Task List_EachOfficeSeesItsOwnScope_HeadOfficeNationalAndEveryRegion()
    {
        await CompiledAsync();

        var headOffice = await ListedAsync(HeadOffice);
        var region8 = await ListedAsync(Region8);
        var region9 = await ListedAsync(Region9);
        var both = await ListedAsync([StaffRoles.SummariesRead, StaffRoles.Region(8), StaffRoles.Region(9)]);

        Assert.Equal(["national", .. Enumerable.Range(0, 10).Select(n => $"region-{n}")], headOffice.Select(y => y.GetProperty("scope").GetString()));
        Assert.All(headOffice, y => Assert.Equal(5, y.GetProperty("files").GetArrayLength()));
        Assert.Equal(["region-8"], region8.Select(y => y.GetProperty("scope").GetString()));
        Assert.Equal(["region-9"], region9.Select(y => y.GetProperty("scope").GetString()));
        Assert.Equal(["region-8", "region-9"], both.Select(y => y.GetProperty("scope").GetString()));
        Assert.Equal(
            headOffice.Single(y => y.GetProperty("scope").GetString() == "region-8").GetProperty("files").ToString(),
            region8[0].GetProperty("files").ToString());
    }

    [Fact]
    public async Task RegionFiles_HoldOnlyThatRegionsComplaintsAndWorkshops()
    {
        await CompiledAsync();

        var national = await SummaryAsync($"api/staff/summaries/{Year}/summary.json", HeadOffice);
        var region8 = await SummaryAsync($"api/staff/summaries/{Year}/regions/8/summary.json", Region8);
        var region9 = await SummaryAsync($"api/staff/summaries/{Year}/regions/9/summary.json", HeadOffice);
        var region5 = await SummaryAsync($"api/staff/summaries/{Year}/regions/5/summary.json", HeadOffice);

        Assert.Equal("national", national.GetProperty("scope").GetString());
        Assert.Equal(6, national.GetProperty("complaints").GetProperty("total").GetInt64());
        Assert.Equal(3, national.GetProperty("registrations").GetProperty("total").GetInt64());

        Assert.Equal("region-8", region8.GetProperty("scope").GetString());
        Assert.Equal(3, region8.GetProperty("complaints").GetProperty("total").GetInt64());
        Assert.Equal(["8"], region8.GetProperty("complaints").GetProperty("byRegion").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["TH-80", "TH-86"], region8.GetProperty("complaints").GetProperty("byProvince").EnumerateObject().Select(p => p.Name));
        var workshop = Assert.Single(region8.GetProperty("registrations").GetProperty("byWorkshop").EnumerateArray());
        Assert.Equal("TH-86", workshop.GetProperty("province").GetString());
        Assert.Equal(1, workshop.GetProperty("checkedIn").GetInt32());
        Assert.Equal(1, region8.GetProperty("registrations").GetProperty("total").GetInt64());

        Assert.Equal(2, region9.GetProperty("complaints").GetProperty("total").GetInt64());
        Assert.Equal(2, region9.GetProperty("registrations").GetProperty("total").GetInt64());
        Assert.Equal(0, region5.GetProperty("complaints").GetProperty("total").GetInt64());

        var csv = TestSummaries.Csv(await (await GetAsync($"api/staff/summaries/{Year}/regions/8/complaints.csv", Region8)).Content.ReadAsByteArrayAsync());
        Assert.Equal(SummaryCompiler.ComplaintColumns, csv[0]);
        Assert.Equal(3, csv.Count - 1);
        Assert.All(csv.Skip(1), row => Assert.Equal("8", row[3]));
        var registrations = TestSummaries.Csv(await (await GetAsync($"api/staff/summaries/{Year}/regions/9/registrations.csv", Region9)).Content.ReadAsByteArrayAsync());
        Assert.Equal(2, registrations.Count - 1);
        var report = await (await GetAsync($"api/staff/summaries/{Year}/regions/8/report.html", Region8)).Content.ReadAsStringAsync();
        Assert.Contains("เขต 8", report, StringComparison.Ordinal);
        Assert.DoesNotContain("รายละเอียดที่ห้ามปรากฏ", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfScopeFiles_AreAnsweredExactlyAsMissingOnes()
    {
        await CompiledAsync();
        var missing = await GetAsync($"api/staff/summaries/{Year}/regions/8/nothing.csv", Region8);
        var missingBody = await missing.Content.ReadAsStringAsync();

        foreach (var path in new[]
        {
            $"api/staff/summaries/{Year}/regions/9/summary.json",
            $"api/staff/summaries/{Year}/summary.json",
            $"api/staff/summaries/{Year}/regions/10/summary.json",
            $"api/staff/summaries/{Year}/regions/a/summary.json",
            $"api/staff/summaries/2570x/regions/8/summary.json",
            $"api/staff/summaries/{Year + 100}/regions/8/summary.json",
        })
        {
            var response = await GetAsync(path, Region8);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(missingBody, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/staff/summaries/{Year}/regions/9/summary.json", Region9)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/staff/summaries/{Year}/regions/8/report.xlsx", HeadOffice)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"api/staff/summaries/{Year}/regions/8/summary.json", [StaffRoles.WorkshopsManage, StaffRoles.Region(8)])).StatusCode);
    }

    [Fact]
    public async Task DownloadsAndCompileRequests_AreAuditedWithTheirRegion()
    {
        await CompiledAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/staff/summaries/{Year}/regions/8/registrations.csv", Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/staff/summaries/{Year}/registrations.csv", HeadOffice)).StatusCode);
        await GetAsync($"api/staff/summaries/{Year}/regions/9/registrations.csv", Region8);
        Assert.Equal(HttpStatusCode.Accepted, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{Year}/compile", null, Region9)).StatusCode);

        var regional = await TrailRecords.AboutAsync(_app, $"fy{Year}/regions/8/registrations.csv");
        var nationalFile = await TrailRecords.AboutAsync(_app, $"fy{Year}/registrations.csv");
        var refused = await TrailRecords.AboutAsync(_app, $"fy{Year}/regions/9/registrations.csv");
        var compile = await TrailRecords.AboutAsync(_app, $"fy{Year}");

        var download = Assert.Single(regional);
        Assert.Equal((AuditActions.SummaryDownload, (int?)8), (download.Action, download.Region));
        Assert.Equal((AuditActions.SummaryDownload, (int?)null), (Assert.Single(nationalFile).Action, nationalFile[0].Region));
        Assert.Empty(refused);
        Assert.Contains(compile, r => r.Action == AuditActions.SummaryCompile && r.Region is null && r.Actor == "officer-Summaries.Read");
    }

    [Fact]
    public async Task AuditStoreDown_DownloadsAndCompileRequestsAreRefused()
    {
        await CompiledAsync();

        HttpResponseMessage[] answers = [];
        await TrailRecords.WhileDownAsync(_app, async () => answers =
        [
            await GetAsync($"api/staff/summaries/{Year}/regions/8/summary.json", Region8),
            await GetAsync($"api/staff/summaries/{Year}/summary.json", HeadOffice),
            await _app.StaffAsync(HttpMethod.Post, $"api/staff/summaries/{Year}/compile", null, HeadOffice),
        ]);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
    }
}
