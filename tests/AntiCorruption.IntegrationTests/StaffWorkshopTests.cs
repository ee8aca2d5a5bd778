using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The staff side of workshops by region: region 8 lists, opens and checks in at region 8's
/// workshops only, region 9 at its own, head office at both; door staff get the list for their
/// screen and check people in, and nothing more; every action is in the audit trail first.
/// </summary>
[Collection(AppTests.Name)]
public class StaffWorkshopTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Region8 = StaffRoles.Region(8);
    private static readonly string Region9 = StaffRoles.Region(9);

    /// <summary>A workshop made by an organiser of the province's region, <paramref name="daysAhead"/> days from now; its id and fiscal year.</summary>
    private async Task<(string Id, int FiscalYear)> CreateAsync(string province, string region, int capacity = 5)
    {
        var response = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", Body(province, capacity), StaffRoles.WorkshopsManage, region);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, FiscalYear.Of(Starts).BuddhistYear);
    }

    /// <summary>Fifty days from now, later than most other tests' workshops, so they stay in short public lists.</summary>
    private static DateTimeOffset Starts => new(DateTime.UtcNow.Date.AddDays(50).AddHours(2), TimeSpan.Zero);

    private static object Body(string province, int capacity) => new
    {
        title = $"อบรมป้องกันการทุจริต {province}",
        province,
        venue = "ศาลากลางจังหวัด",
        startsAt = Starts.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        endsAt = Starts.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        capacity,
        registrationDeadline = Starts.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>Registers someone and waits for the seat decision; the confirmation code.</summary>
    private async Task<string> ConfirmedAsync(string workshop, string fullName)
    {
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName, province = "TH-80", email = $"ws.{Guid.NewGuid():N}@example.go.th", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        await Eventually.GetAsync(
            async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == "confirmed" ? "" : null,
            TimeSpan.FromSeconds(20),
            "the seat confirmed");
        return code;
    }

    private async Task<JsonElement[]> ListedAsync(int fiscalYear, params string[] roles)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops?fiscalYear={fiscalYear}", null, roles);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static string[] Ids(JsonElement[] list) => [.. list.Select(w => w.GetProperty("id").GetString()!)];

    [Fact]
    public async Task List_ByRegion_EachOfficeSeesItsOwnAndHeadOfficeBoth_WithSeats()
    {
        var (ours, year) = await CreateAsync("TH-80", Region8, capacity: 3);
        var (theirs, _) = await CreateAsync("TH-90", Region9);
        await ConfirmedAsync(ours, "ผู้เข้าอบรม นับที่นั่ง");

        var region8 = await ListedAsync(year, StaffRoles.WorkshopsManage, Region8);
        var door8 = await ListedAsync(year, StaffRoles.WorkshopsCheckIn, Region8);
        var region9 = await ListedAsync(year, StaffRoles.WorkshopsManage, Region9);
        var headOffice = await ListedAsync(year, StaffRoles.WorkshopsManage, StaffRoles.AllRegions);

        Assert.Contains(ours, Ids(region8));
        Assert.DoesNotContain(theirs, Ids(region8));
        Assert.All(region8, w => Assert.Equal(8, w.GetProperty("region").GetInt32()));
        Assert.Equal(Ids(region8), Ids(door8));
        Assert.Contains(theirs, Ids(region9));
        Assert.DoesNotContain(ours, Ids(region9));
        Assert.Contains(ours, Ids(headOffice));
        Assert.Contains(theirs, Ids(headOffice));

        var seats = region8.Single(w => w.GetProperty("id").GetString() == ours);
        Assert.Equal(3, seats.GetProperty("capacity").GetInt32());
        Assert.Equal(1, seats.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, seats.GetProperty("waitlisted").GetInt32());
        Assert.Equal(0, seats.GetProperty("checkedIn").GetInt32());
        Assert.Equal(2, seats.GetProperty("seatsRemaining").GetInt32());
        Assert.True(seats.GetProperty("registrationOpen").GetBoolean());
        Assert.False(seats.GetProperty("past").GetBoolean());

        // Another year holds none of these.
        Assert.DoesNotContain(ours, Ids(await ListedAsync(year - 1, StaffRoles.WorkshopsManage, Region8)));
    }

    [Theory]
    [InlineData("2020")]
    [InlineData("abc")]
    [InlineData("25691")]
    [InlineData("2569,2570")]
    public async Task List_BadFiscalYear_Is400NamingIt(string fiscalYear)
    {
        var response = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops?fiscalYear={Uri.EscapeDataString(fiscalYear)}", null, StaffRoles.WorkshopsManage, Region8);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["fiscalYear"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task List_WithoutAWorkshopRole_Is403()
    {
        var response = await _app.StaffAsync(HttpMethod.Get, "api/staff/workshops", null, StaffRoles.ComplaintsRead, Region8);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DoorStaff_ListJsonAndCheckIn_ButNoFilesAndNoChanges()
    {
        var (workshop, _) = await CreateAsync("TH-80", Region8);
        var code = await ConfirmedAsync(workshop, "ผู้เข้าอบรม หน้างาน");
        string[] door = [StaffRoles.WorkshopsCheckIn, Region8];

        var list = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, door);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var person = Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("ผู้เข้าอบรม หน้างาน", person.GetProperty("fullName").GetString());
        Assert.Equal("confirmed", person.GetProperty("status").GetString());
        Assert.Equal("TH-80", person.GetProperty("province").GetString());
        Assert.Equal(JsonValueKind.Null, person.GetProperty("checkedInAt").ValueKind);
        Assert.False(person.TryGetProperty("email", out _));

        foreach (var format in new[] { "csv", "xlsx", "CSV" })
        {
            var file = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format={format}", null, door);
            Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
            Assert.Equal("application/problem+json", file.Content.Headers.ContentType?.MediaType);
        }

        // No format means CSV, which the door does not get either.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees", null, door)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 9 }, door)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new { title = "x" }, door)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, door)).StatusCode);
        var after = (await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, door)).Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal("checked_in", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, after.GetProperty("checkedInAt").ValueKind);

        // Organisers get all three.
        foreach (var format in new[] { "json", "csv", "xlsx" })
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format={format}", null, StaffRoles.WorkshopsManage, Region8)).StatusCode);
        }
    }

    [Fact]
    public async Task Attendees_OtherRegionOrBadFormat_AreAnsweredAsMissingOrNamed()
    {
        var (workshop, _) = await CreateAsync("TH-80", Region8);

        var otherRegion = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsCheckIn, Region9);
        var missing = await _app.StaffAsync(HttpMethod.Get, "api/staff/workshops/ws-000000000000/attendees?format=json", null, StaffRoles.WorkshopsCheckIn, Region9);
        var badFormat = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=pdf", null, StaffRoles.WorkshopsManage, Region8);

        Assert.Equal(HttpStatusCode.NotFound, otherRegion.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await otherRegion.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal(["format"], (await badFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Patch_ToAProvinceOfAnotherRegion_IsRefusedOnProvince()
    {
        var (workshop, _) = await CreateAsync("TH-80", Region8);

        var moved = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { province = "TH-90" }, StaffRoles.WorkshopsManage, Region8);

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal(["province"], (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task EveryWorkshopAction_IsAuditedWithTheWorkshopsRegion()
    {
        var (workshop, _) = await CreateAsync("TH-80", Region8);
        var code = await ConfirmedAsync(workshop, "ผู้เข้าอบรม บันทึกการตรวจสอบ");

        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 6 }, StaffRoles.WorkshopsManage, Region8)).StatusCode);
        foreach (var format in new[] { "json", "csv", "xlsx" })
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format={format}", null, StaffRoles.WorkshopsManage, Region8)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn, Region8)).StatusCode);
        // Refused before the trail: another region's officer, and a door list as a file.
        await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage, Region9);
        await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=csv", null, StaffRoles.WorkshopsCheckIn, Region8);

        var records = await TrailRecords.AboutAsync(_app, workshop);
        Assert.Equal(
            [AuditActions.WorkshopCreate, AuditActions.WorkshopUpdate, AuditActions.WorkshopAttendees, AuditActions.WorkshopAttendees, AuditActions.WorkshopAttendees, AuditActions.WorkshopCheckIn],
            records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal(8, r.Region));
        Assert.Equal("officer-Workshops.CheckIn", records[^1].Actor);
    }

    [Fact]
    public async Task AuditStoreDown_WorkshopActionsAreRefusedAndNothingChanges()
    {
        var (workshop, year) = await CreateAsync("TH-80", Region8, capacity: 4);
        var code = await ConfirmedAsync(workshop, "ผู้เข้าอบรม ระบบบันทึกล่ม");
        var before = (await ListedAsync(year, StaffRoles.WorkshopsManage, Region8)).Length;

        HttpResponseMessage[] answers = [];
        await TrailRecords.WhileDownAsync(_app, async () => answers =
        [
            await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", Body("TH-80", 10), StaffRoles.WorkshopsManage, Region8),
            await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 9 }, StaffRoles.WorkshopsManage, Region8),
            await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsCheckIn, Region8),
            await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=csv", null, StaffRoles.WorkshopsManage, Region8),
            await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn, Region8),
        ]);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.DoesNotContain("ระบบบันทึกล่ม", string.Join(" ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))), StringComparison.Ordinal);
        var after = await ListedAsync(year, StaffRoles.WorkshopsManage, Region8);
        Assert.Equal(before, after.Length);
        var seats = after.Single(w => w.GetProperty("id").GetString() == workshop);
        Assert.Equal(4, seats.GetProperty("capacity").GetInt32());
        Assert.Equal(0, seats.GetProperty("checkedIn").GetInt32());
    }
}
