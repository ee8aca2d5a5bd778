using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The wall between regions, tried on every staff route that names a record: an officer of
/// region 8 holding every duty gets, for each of region 9's records, exactly the answer a record
/// that does not exist gets (status and body), and region 9's records are absent from its lists.
/// The routes come from the OpenAPI document, so a new route that names a record must be added here.
/// </summary>
[Collection(AppTests.Name)]
public class RegionWallTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string[] Officer8 = [.. StaffRoles.Duties, StaffRoles.Region(8)];

    /// <summary>A past year with no cases: its files exist for every region once compiled.</summary>
    private const int SummaryYear = 2561;

    [Fact]
    public async Task Region8_MeetsRegion9sRecords_AsRecordsThatDoNotExist_OnEveryRoute()
    {
        var file = await _app.UploadAsync(Evidence.Png);
        var submitted = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-90", agency = "เทศบาลนครหาดใหญ่", description = "เจ้าหน้าที่เรียกรับเงินเพื่อออกใบอนุญาต เขตเก้า", anonymous = true, attachmentIds = new[] { file } });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var theirs = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        var ourCode = (await (await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. เขตแปด", description = "เรื่องของเขตแปดสำหรับทดสอบกำแพง", anonymous = true })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var ours = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(ourCode)).FirstOrDefault(), TimeSpan.FromSeconds(15), "ours stored")).ComplaintId;
        var workshop = await Region9WorkshopAsync();
        await TestSummaries.CompileAsync(_app, SummaryYear);
        // The listing waited for is head office's; the regions' files are written beside it.
        await Eventually.GetAsync(async () => (await _app.StaffAsync(HttpMethod.Get, $"api/staff/summaries/{SummaryYear}/regions/9/summary.json", null, StaffRoles.SummariesRead, StaffRoles.Region(9))).StatusCode == HttpStatusCode.OK ? "" : null, TimeSpan.FromSeconds(30), "region 9's summary");
        var missing = ComplaintIds.New(DateTimeOffset.UtcNow);
        var registration = await Region9RegistrationAsync(workshop);
        var noRegistration = new string('0', 64);
        var unknownCode = _app.Service<Core.Tracking.TrackingCodes>().New();

        // (operation, the call on region 9's record, the same call on a record that does not exist)
        var pairs = new (string Operation, HttpMethod Method, string Theirs, string Missing, object? Body)[]
        {
            ("GET /api/staff/complaints/{id}", HttpMethod.Get, $"complaints/{theirs}", $"complaints/{missing}", null),
            ("PATCH /api/staff/complaints/{id}", HttpMethod.Patch, $"complaints/{theirs}", $"complaints/{missing}", new { reason = "จัดหมวดหมู่ใหม่ให้ถูกต้อง", category = "procurement" }),
            ("POST /api/staff/complaints/{id}/identity", HttpMethod.Post, $"complaints/{theirs}/identity", $"complaints/{missing}/identity", new { reason = "ต้องติดต่อผู้แจ้งเพื่อขอหลักฐานเพิ่ม" }),
            ("GET /api/staff/complaints/{id}/attachments/{attachmentId}", HttpMethod.Get, $"complaints/{theirs}/attachments/{file}", $"complaints/{missing}/attachments/{file}", null),
            ("PATCH /api/staff/complaints/{id}/status", HttpMethod.Patch, $"complaints/{theirs}/status", $"complaints/{missing}/status", new { status = "under_review", note = "รับไว้", @public = false }),
            ("PUT /api/staff/complaints/{id}/assignee", HttpMethod.Put, $"complaints/{theirs}/assignee", $"complaints/{missing}/assignee", new { assignee = "me" }),
            ("POST /api/staff/complaints/{id}/notes", HttpMethod.Post, $"complaints/{theirs}/notes", $"complaints/{missing}/notes", new { text = "บันทึก" }),
            ("POST /api/staff/complaints/{id}/messages", HttpMethod.Post, $"complaints/{theirs}/messages", $"complaints/{missing}/messages", new { text = "ข้อความ" }),
            ("POST /api/staff/complaints/{id}/links", HttpMethod.Post, $"complaints/{theirs}/links", $"complaints/{missing}/links", new { otherId = ours, relation = "related" }),
            ("POST /api/staff/complaints/{id}/links", HttpMethod.Post, $"complaints/{ours}/links", $"complaints/{ours}/links#to", new { otherId = theirs, relation = "related" }),
            ("POST /api/staff/complaints/lookup", HttpMethod.Post, "complaints/lookup", "complaints/lookup#unknown", new { trackingCode = code }),
            ("PATCH /api/staff/workshops/{id}", HttpMethod.Patch, $"workshops/{workshop}", "workshops/no-such-workshop", new { venue = "ห้องประชุมใหม่" }),
            ("GET /api/staff/workshops/{id}/attendees", HttpMethod.Get, $"workshops/{workshop}/attendees?format=json", "workshops/no-such-workshop/attendees?format=json", null),
            ("POST /api/staff/workshops/{id}/checkins", HttpMethod.Post, $"workshops/{workshop}/checkins", "workshops/no-such-workshop/checkins", new { confirmationCode = unknownCode }),
            ("PUT /api/staff/complaints/{id}/legal-hold", HttpMethod.Put, $"complaints/{theirs}/legal-hold", $"complaints/{missing}/legal-hold", new { hold = true, reason = "คดีอยู่ระหว่างการพิจารณาของศาล" }),
            ("GET /api/staff/registrations/{id}", HttpMethod.Get, $"registrations/{registration}", $"registrations/{noRegistration}", null),
            ("POST /api/staff/registrations/{id}/erase", HttpMethod.Post, $"registrations/{registration}/erase", $"registrations/{noRegistration}/erase", new { reason = "หนังสือขอลบข้อมูล เลขที่ 0009/2569" }),
            ("GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}", HttpMethod.Get, $"summaries/{SummaryYear}/regions/9/summary.json", $"summaries/{SummaryYear}/regions/8/nothing.json", null),
        };

        foreach (var (operation, method, theirsPath, missingPath, body) in pairs)
        {
            var missingBody = missingPath.EndsWith("#to", StringComparison.Ordinal) ? new { otherId = missing, relation = "related" }
                : missingPath.EndsWith("#unknown", StringComparison.Ordinal) ? (object)new { trackingCode = unknownCode } : body;
            var toTheirs = await _app.StaffAsync(method, "api/staff/" + theirsPath, body, Officer8);
            var toMissing = await _app.StaffAsync(method, "api/staff/" + missingPath.Split('#')[0], missingBody, Officer8);
            Assert.True(toMissing.StatusCode == HttpStatusCode.NotFound, $"{operation}: a missing record answered {toMissing.StatusCode}");
            Assert.True(toTheirs.StatusCode == toMissing.StatusCode, $"{operation}: region 9's record answered {toTheirs.StatusCode}");
            Assert.Equal(await toMissing.Content.ReadAsStringAsync(), await toTheirs.Content.ReadAsStringAsync());
        }

        // Every staff route that names a record is above.
        using var document = JsonDocument.Parse(await _app.Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));
        var named = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/staff/", StringComparison.Ordinal) && (p.Name.Contains('{', StringComparison.Ordinal) || p.Name.EndsWith("/lookup", StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete").Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Where(o => o is not ("GET /api/staff/summaries/{fiscalYear}/{file}" or "POST /api/staff/summaries/{fiscalYear}/compile"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(named.Except(pairs.Select(p => p.Operation)));

        // Lists: region 9's records are absent, as if they did not exist.
        async Task<string> Listed(string path) => await (await _app.StaffAsync(HttpMethod.Get, "api/staff/" + path, null, Officer8)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(theirs, await Listed("complaints?pageSize=200"), StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, await Listed("complaints?region=9&pageSize=200"), StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, await Listed($"audit?complaintId={theirs}"), StringComparison.Ordinal);
        Assert.DoesNotContain(workshop, await Listed("workshops"), StringComparison.Ordinal);
        Assert.DoesNotContain("region-9", await Listed("summaries"), StringComparison.Ordinal);

        // And nothing of region 9's changed.
        var stored = await _app.Service<ComplaintStore>().GetAsync(theirs, CancellationToken.None);
        Assert.Equal(("registered", "bribery", null), (stored!.Status, stored.Category, stored.Assignee));
        Assert.False(stored.LegalHold);
        Assert.Null((await _app.Storage.Table(Core.Storage.StorageNames.RegistrationsTable).GetEntityAsync<Core.Workshops.RegistrationEntity>(workshop, "r-" + registration)).Value.ErasedAt);
    }

    /// <summary>A registration for region 9's workshop: its id (the keyed hash of its code).</summary>
    private async Task<string> Region9RegistrationAsync(string workshop)
    {
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "ผู้ลงทะเบียน เขตเก้า", province = "TH-90", phone = "0869990001", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        return Core.Workshops.RegistrationCodes.Hash(_app.Service<Core.Privacy.KeyedHasher>(), code);
    }

    private async Task<string> Region9WorkshopAsync()
    {
        var starts = DateTimeOffset.UtcNow.AddDays(45).ToOffset(TimeSpan.FromHours(7));
        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมธรรมาภิบาล เขตเก้า",
            province = "TH-90",
            venue = "ศาลากลางจังหวัดสงขลา",
            startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            capacity = 20,
            registrationDeadline = starts.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
