using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A registrant's request by letter, handled by staff with DataRequests.Manage on Azurite: found
/// by phone, email or national id through the keyed-hash index, exported, erased; each step in the
/// audit trail before it acts and without the value searched for; another region's registrations
/// absent or 404; the wrong duty 403. Registrations stored before the index are found once the
/// backfill has run.
/// </summary>
[Collection(AppTests.Name)]
public class DataRequestRightsTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static readonly string Officer8 = StaffRoles.Region(8);

    private Task<HttpResponseMessage> FindAsync(object body, params string[] scope) =>
        _app.StaffAsync(HttpMethod.Post, "api/staff/registrations/find", body, [StaffRoles.DataRequestsManage, .. scope]);

    private static async Task<JsonElement[]> MatchesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private string IdOf(string code) => RegistrationCodes.Hash(_app.Service<KeyedHasher>(), code);

    private async Task<string> Region9WorkshopAsync()
    {
        var starts = DateTimeOffset.UtcNow.AddDays(50).ToOffset(TimeSpan.FromHours(7));
        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมธรรมาภิบาล สงขลา (คำขอของเจ้าของข้อมูล)", province = "TH-90", venue = "ศาลากลางจังหวัดสงขลา",
            startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            capacity = 20, registrationDeadline = starts.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task FindExportErase_InScope_EachAuditedBeforeItActs_WithoutTheValuesSearchedFor()
    {
        var person = RegistrantRightsTests.NewPerson();
        var ours = await TestWorkshops.CreateAsync(_app.Client, capacity: 10, title: "อบรมนครศรีธรรมราช (คำขอของเจ้าของข้อมูล)");
        var theirs = await Region9WorkshopAsync();
        var ourCode = await RegistrantRightsTests.RegisterAsync(_app, ours, person);
        var theirCode = await RegistrantRightsTests.RegisterAsync(_app, theirs, person, province: "TH-90");
        var (ourId, theirId) = (IdOf(ourCode), IdOf(theirCode));

        // The duty and a token are needed.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Post, "api/staff/registrations/find", new { nationalId = person.NationalId }, StaffRoles.WorkshopsManage, Officer8)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StaffAsync(HttpMethod.Get, $"api/staff/registrations/{ourId}", null, StaffRoles.ComplaintsIdentity, Officer8)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.StaffWithTokenAsync(HttpMethod.Post, $"api/staff/registrations/{ourId}/erase", new { reason = "หนังสือขอลบข้อมูล เลขที่ 0100/2569" }, token: null)).StatusCode);

        // Region 8 finds its own registration by any of the three, as the letter spells them; head office finds both.
        var byId = await MatchesAsync(await FindAsync(new { nationalId = $"{person.NationalId[..1]}-{person.NationalId[1..5]}-{person.NationalId[5..10]}-{person.NationalId[10..12]}-{person.NationalId[12..]}" }, Officer8));
        var match = Assert.Single(byId);
        Assert.Equal((ourId, ours, 8, person.FullName), (match.GetProperty("id").GetString(), match.GetProperty("workshopId").GetString(), match.GetProperty("region").GetInt32(), match.GetProperty("fullName").GetString()));
        Assert.Equal(ourId, Assert.Single(await MatchesAsync(await FindAsync(new { phone = $"+66 {person.Phone[1..3]} {person.Phone[3..6]} {person.Phone[6..]}" }, Officer8))).GetProperty("id").GetString());
        Assert.Equal(ourId, Assert.Single(await MatchesAsync(await FindAsync(new { email = person.Email.ToUpperInvariant() }, Officer8))).GetProperty("id").GetString());
        Assert.Equal([theirId, ourId], (await MatchesAsync(await FindAsync(new { nationalId = person.NationalId }))).Select(m => m.GetProperty("id").GetString()));
        Assert.Empty(await MatchesAsync(await FindAsync(new { nationalId = RegistrantRightsTests.NationalId() }, Officer8)));

        // Bad bodies name the field.
        var two = await FindAsync(new { phone = person.Phone, email = person.Email }, Officer8);
        Assert.Equal(["email", "phone"], (await two.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var notAnId = await FindAsync(new { nationalId = "1234567890123" }, Officer8);
        Assert.Equal(["nationalId"], (await notAnId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // Export: everything held, as a file; region 9's is region 8's 404, as a missing one.
        var export = await _app.StaffAsync(HttpMethod.Get, $"api/staff/registrations/{ourId}", null, StaffRoles.DataRequestsManage, Officer8);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var exported = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((ourId, 8, person.NationalId, person.Email), (exported.GetProperty("id").GetString(), exported.GetProperty("region").GetInt32(),
            exported.GetProperty("registration").GetProperty("person").GetProperty("nationalId").GetString(), exported.GetProperty("registration").GetProperty("person").GetProperty("email").GetString()));
        var outOfScope = await _app.StaffAsync(HttpMethod.Get, $"api/staff/registrations/{theirId}", null, StaffRoles.DataRequestsManage, Officer8);
        var missing = await _app.StaffAsync(HttpMethod.Get, $"api/staff/registrations/{new string('a', 64)}", null, StaffRoles.DataRequestsManage, Officer8);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outOfScope.StatusCode, missing.StatusCode));
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await outOfScope.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/registrations/{theirId}/erase", new { reason = "หนังสือขอลบข้อมูล เลขที่ 0101/2569" }, StaffRoles.DataRequestsManage, Officer8)).StatusCode);

        // Erase: a reason is needed; then the personal fields go, and the index no longer leads to it.
        var noReason = await _app.StaffAsync(HttpMethod.Post, $"api/staff/registrations/{ourId}/erase", new { }, StaffRoles.DataRequestsManage, Officer8);
        Assert.Equal(["reason"], (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        const string Reason = "หนังสือขอลบข้อมูล เลขที่ ปท 0102/2569 ลงวันที่ 1 ธ.ค. 2569";
        var erased = await _app.StaffAsync(HttpMethod.Post, $"api/staff/registrations/{ourId}/erase", new { reason = Reason }, StaffRoles.DataRequestsManage, Officer8);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var outcome = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("cancelled", JsonValueKind.Null, 6), (outcome.GetProperty("status").GetString(), outcome.GetProperty("consentWithdrawnAt").ValueKind, outcome.GetProperty("erased").GetArrayLength()));
        var row = (await _app.Storage.Table(StorageNames.RegistrationsTable).GetEntityAsync<TableEntity>(ours, "r-" + ourId)).Value;
        Assert.False(row.ContainsKey("Attendee"));
        Assert.Equal([theirId], (await MatchesAsync(await FindAsync(new { nationalId = person.NationalId }))).Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("cancelled", (await TestWorkshops.LookupAsync(_app.Client, ourCode)).GetProperty("status").GetString());

        // The trail: who, what, which registration, with its region; the reason for the erasure; never the values.
        var records = (await TrailRecords.AllAsync(_app)).Where(r => r.Target == ourId).ToList();
        Assert.Equal(
            [AuditActions.RegistrationFind, AuditActions.RegistrationFind, AuditActions.RegistrationFind, AuditActions.RegistrationFind, AuditActions.RegistrationExport, AuditActions.RegistrationErase],
            records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal((8, "officer-DataRequests.Manage"), (r.Region, r.Actor)));
        Assert.Equal(["by nationalId", "by phone", "by email", "by nationalId"], records.Take(4).Select(r => r.Detail));
        Assert.Equal($"reason: {Reason}", records[^1].Detail);
        var all = string.Join('\n', (await TrailRecords.AllAsync(_app)).Select(r => r.ToString()));
        foreach (var value in new[] { person.NationalId, person.Phone, person.Email, person.FullName })
        {
            Assert.DoesNotContain(value, all, StringComparison.Ordinal);
            Assert.DoesNotContain(value, _app.Logs.All, StringComparison.Ordinal);
        }

        // A search that found nothing in scope is in the trail too, under the officer's region.
        Assert.Contains(await TrailRecords.AllAsync(_app), r => r.Action == AuditActions.RegistrationFind && r.Target is null && r.Region == 8 && r.Detail == "by nationalId; none in scope");
    }

    [Fact]
    public async Task Backfill_IndexesRegistrationsStoredBeforeTheIndex_SoALetterFindsThem()
    {
        var workshop = await LegacyWorkshopRows.WorkshopAsync(_app, "TH-80", 8, DateTimeOffset.UtcNow.AddDays(-200), capacity: 30);
        var code = _app.Service<Core.Tracking.ConfirmationCodes>().New();
        await LegacyWorkshopRows.RegistrationAsync(_app, workshop, "ผู้ลงทะเบียนรุ่นแรก", "checked_in", 1, DateTimeOffset.UtcNow.AddDays(-230), DateTimeOffset.UtcNow.AddDays(-200), code);
        // The legacy row's phone is LegacyWorkshopRows' own: other runs' rows share it, so the test looks for this one.
        var id = IdOf(code);
        Assert.DoesNotContain(await MatchesAsync(await FindAsync(new { phone = "0812345678" })), m => m.GetProperty("id").GetString() == id);

        await _app.Storage.Table(StorageNames.RegistrationCodesTable).DeleteEntityAsync(RegistrantIndexBackfill.MarkerPartition, RegistrantIndexBackfill.MarkerRow);
        var backfill = _app.App.Services.GetServices<Core.Storage.IStorageSeed>().OfType<RegistrantIndexBackfill>().Single();
        await backfill.SeedAsync(CancellationToken.None);

        Assert.Contains(await MatchesAsync(await FindAsync(new { phone = "0812345678" })), m => m.GetProperty("id").GetString() == id);
        var row = (await _app.Storage.Table(StorageNames.RegistrationsTable).GetEntityAsync<RegistrationEntity>(workshop, "r-" + id)).Value;
        Assert.Equal(_app.Service<RegistrantIndex>().KeyOf(RegistrantKey.Phone, "0812345678"), row.RegistrantKeys);
        Assert.True((await _app.Storage.Table(StorageNames.RegistrationCodesTable).GetEntityIfExistsAsync<TableEntity>(RegistrantIndexBackfill.MarkerPartition, RegistrantIndexBackfill.MarkerRow)).HasValue);
    }
}
