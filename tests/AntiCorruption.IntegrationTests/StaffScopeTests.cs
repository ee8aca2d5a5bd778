using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Regions as PACC works: a region-8 officer sees, reads and changes region 8's cases only, a
/// region-9 case answers that officer exactly as a case that does not exist, and head office sees both.
/// </summary>
[Collection(AppTests.Name)]
public class StaffScopeTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Region8 = StaffRoles.Region(8);
    private static readonly string Region9 = StaffRoles.Region(9);

    /// <summary>A complaint from the province given, stored; its id.</summary>
    private async Task<string> StoredComplaintAsync(string province, string agency)
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province, agency, description = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตประกอบกิจการ", anonymous = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        return (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
    }

    private async Task<string[]> ListedAgenciesAsync(string query, params string[] roles)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints?pageSize=200{query}", null, roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("agency").GetString()!)];
    }

    private static async Task<string> ProblemOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {problem.GetProperty("type")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
    }

    [Fact]
    public async Task RegionalOfficer_OtherRegionsCase_IsAnsweredAsOneThatDoesNotExist()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var ours = await StoredComplaintAsync("TH-80", $"อบต. เขตแปด {marker}");
        var theirs = await StoredComplaintAsync("TH-90", $"เทศบาลเขตเก้า {marker}");
        var missing = ComplaintIds.New(DateTimeOffset.UtcNow);

        // Lists: each region sees its own; asking for the other region gives an empty page.
        Assert.Contains($"อบต. เขตแปด {marker}", await ListedAgenciesAsync("", StaffRoles.ComplaintsRead, Region8));
        Assert.DoesNotContain($"เทศบาลเขตเก้า {marker}", await ListedAgenciesAsync("", StaffRoles.ComplaintsRead, Region8));
        Assert.Empty(await ListedAgenciesAsync("&region=9", StaffRoles.ComplaintsRead, Region8));
        Assert.Contains($"เทศบาลเขตเก้า {marker}", await ListedAgenciesAsync("&region=9", StaffRoles.ComplaintsRead, Region9));
        var headOffice = await ListedAgenciesAsync("", StaffRoles.ComplaintsRead, StaffRoles.AllRegions);
        Assert.Contains($"อบต. เขตแปด {marker}", headOffice);
        Assert.Contains($"เทศบาลเขตเก้า {marker}", headOffice);

        // Read, status and message: the other region's case answers as a missing one, and stays as it was.
        var routes = new (HttpMethod Method, string Path, object? Body, string Role)[]
        {
            (HttpMethod.Get, "api/staff/complaints/{0}", null, StaffRoles.ComplaintsRead),
            (HttpMethod.Patch, "api/staff/complaints/{0}/status", new { status = "under_review" }, StaffRoles.ComplaintsManage),
            (HttpMethod.Post, "api/staff/complaints/{0}/messages", new { text = "ขอเอกสารเพิ่มเติม" }, StaffRoles.ComplaintsManage),
        };
        foreach (var (method, path, body, role) in routes)
        {
            var other = await _app.StaffAsync(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, theirs), body, role, Region8);
            var none = await _app.StaffAsync(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, missing), body, role, Region8);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal(await ProblemOf(none), await ProblemOf(other));
        }

        var untouched = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{theirs}", null, StaffRoles.ComplaintsRead, Region9);
        var view = await untouched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("registered", view.GetProperty("summary").GetProperty("status").GetString());
        Assert.Empty(view.GetProperty("messages").EnumerateArray());

        // Inside the scope the same calls work.
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{ours}", null, StaffRoles.ComplaintsRead, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{ours}/status", new { status = "under_review" }, StaffRoles.ComplaintsManage, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{theirs}", null, StaffRoles.ComplaintsRead, StaffRoles.AllRegions)).StatusCode);
    }

    [Fact]
    public async Task Lookup_ATrackingCodeReadOutOnThePhone_FindsTheCaseInScopeOnly()
    {
        var response = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. สายด่วน", description = "ผู้แจ้งโทรมาสอบถามความคืบหน้าของเรื่องทางสายด่วน", anonymous = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        // Read out on the phone: lower case, spaces for dashes.
        var spoken = code.ToLowerInvariant().Replace('-', ' ');

        var found = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = spoken }, StaffRoles.ComplaintsRead, Region8);
        var otherRegion = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = code }, StaffRoles.ComplaintsRead, Region9);
        var wrong = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }, StaffRoles.ComplaintsRead, Region8);
        var malformed = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { trackingCode = "12" }, StaffRoles.ComplaintsRead, Region8);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherRegion.StatusCode);
        Assert.Equal(await ProblemOf(wrong), await ProblemOf(otherRegion));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    /// <summary>
    /// complaints.csv and the events name a case by its reference, which carries no time: the
    /// case view shows it, and the lookup turns one (typed in any case) back into the id, in scope only.
    /// </summary>
    [Fact]
    public async Task Lookup_AReferenceFromAnExport_FindsTheCaseInScopeOnly()
    {
        var id = await StoredComplaintAsync("TH-80", "อบต. ตามรหัสอ้างอิง");
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{id}", null, StaffRoles.ComplaintsRead, Region8)).Content.ReadFromJsonAsync<JsonElement>();
        var reference = view.GetProperty("reference").GetString()!;

        var found = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { reference = reference.ToLowerInvariant() }, StaffRoles.ComplaintsRead, Region8);
        var otherRegion = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { reference }, StaffRoles.ComplaintsRead, Region9);
        var malformed = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { reference = id }, StaffRoles.ComplaintsRead, Region8);
        var both = await _app.StaffAsync(HttpMethod.Post, "api/staff/complaints/lookup", new { reference, trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }, StaffRoles.ComplaintsRead, Region8);

        Assert.Equal(_app.Service<ComplaintReferences>().Of(id), reference);
        Assert.Empty(TimeTraces.TimedIds(reference));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherRegion.StatusCode);
        Assert.Equal(["reference"], (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["trackingCode"], (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Workshops_OfAnotherRegion_AreNotThereAndDoorStaffOnlyCheckIn()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 10, daysAhead: 45);
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "ผู้เข้าอบรม เขตแปด", province = "TH-80", email = $"door.{Guid.NewGuid():N}@example.go.th", consent = true });
        var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == "confirmed" ? "" : null, TimeSpan.FromSeconds(20), "the seat confirmed");

        // Another region: nothing of this workshop exists, and none can be made in this province.
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 12 }, StaffRoles.WorkshopsManage, Region9)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees", null, StaffRoles.WorkshopsManage, Region9)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn, Region9)).StatusCode);
        var elsewhere = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมนอกเขต", province = "TH-80", venue = "ศาลากลาง", startsAt = "2031-01-20T09:00:00+07:00", endsAt = "2031-01-20T16:00:00+07:00", capacity = 10, registrationDeadline = "2031-01-10T17:00:00+07:00",
        }, StaffRoles.WorkshopsManage, Region9);
        Assert.Equal(["province"], (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // Door staff of the region check people in, and do nothing else.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 12 }, StaffRoles.WorkshopsCheckIn, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 12 }, StaffRoles.WorkshopsManage, Region8)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/staff/complaints", StaffRoles.ComplaintsRead)]
    [InlineData("GET", "api/staff/me", StaffRoles.ComplaintsRead)]
    [InlineData("GET", "api/staff/summaries", StaffRoles.SummariesRead)]
    [InlineData("GET", "api/staff/hotspots", StaffRoles.ComplaintsRead)]
    [InlineData("POST", "api/staff/workshops", StaffRoles.WorkshopsManage)]
    public async Task DutyWithoutARegion_Is403(string method, string path, string duty)
    {
        var token = StaffAuthenticator.IssueLocalToken(TestKeys.StaffAuth(), "officer-no-region", [duty]);

        var response = await _app.StaffWithTokenAsync(new HttpMethod(method), path, null, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Me_TellsTheIdRolesAndRegions()
    {
        var regional = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/me", null, StaffRoles.ComplaintsRead, Region8)).Content.ReadFromJsonAsync<JsonElement>();
        var headOffice = await (await _app.StaffAsync(HttpMethod.Get, "api/staff/me", null, StaffRoles.AuditRead, StaffRoles.AllRegions)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("officer-Complaints.Read", regional.GetProperty("id").GetString());
        Assert.Equal([StaffRoles.ComplaintsRead, Region8], regional.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([8], regional.GetProperty("regions").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal(Enumerable.Range(0, 10), headOffice.GetProperty("regions").EnumerateArray().Select(r => r.GetInt32()));
    }
}
