using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A registrant's rights with their confirmation code alone, end to end on Azurite: what is held,
/// as JSON and as a file, and the withdrawal of consent, which cancels (the waitlist moves up) and
/// erases the personal fields from storage as far as the workshop's records allow.
/// </summary>
[Collection(AppTests.Name)]
public class RegistrantRightsTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    /// <summary>A person with every field, unique to the test: phone, email and a national id with a valid check digit.</summary>
    internal static (string FullName, string Phone, string Email, string NationalId) NewPerson()
    {
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var phone = "08" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ($"ผู้ลงทะเบียน สิทธิ{marker}", phone, $"registrant.{marker}@example.go.th", NationalId());
    }

    /// <summary>Twelve random digits and their check digit.</summary>
    internal static string NationalId()
    {
        var digits = new int[12];
        digits[0] = RandomNumberGenerator.GetInt32(1, 9);
        for (var i = 1; i < 12; i++)
        {
            digits[i] = RandomNumberGenerator.GetInt32(0, 10);
        }

        var sum = digits.Select((d, i) => d * (13 - i)).Sum();
        return string.Concat(digits) + ((11 - (sum % 11)) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<string> RegisterAsync(AppHost app, string workshopId, (string FullName, string Phone, string Email, string NationalId) person, string province = "TH-80")
    {
        var response = await app.PostJsonAsync($"api/workshops/{workshopId}/registrations", new
        {
            fullName = person.FullName, position = "นักวิชาการพัสดุชำนาญการ", agency = "องค์การบริหารส่วนจังหวัดทดสอบ", province,
            phone = person.Phone, email = person.Email, nationalId = person.NationalId, consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
    }

    private async Task<string> StatusOfAsync(string code, string wanted) =>
        await Eventually.GetAsync(
            async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() is var s && s == wanted ? s : null,
            TimeSpan.FromSeconds(20),
            $"the registration {wanted}");

    private string RowOf(string code) => "r-" + RegistrationCodes.Hash(_app.Service<KeyedHasher>(), code);

    private async Task<TableEntity> StoredRowAsync(string workshopId, string code) =>
        (await _app.Storage.Table(StorageNames.RegistrationsTable).GetEntityAsync<TableEntity>(workshopId, RowOf(code))).Value;

    [Fact]
    public async Task Withdrawal_BeforeTheWorkshop_CancelsPromotesTheWaitlistAndErasesEveryPersonalFieldFromStorage()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 1, title: "อบรมสิทธิของเจ้าของข้อมูล");
        var person = NewPerson();
        var code = await RegisterAsync(_app, workshop, person);
        await StatusOfAsync(code, "confirmed");
        var waiting = await RegisterAsync(_app, workshop, NewPerson());
        await StatusOfAsync(waiting, "waitlisted");

        // What is held: every field, opened, with the workshop, the status and the times.
        var data = await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = code });
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Null(data.Content.Headers.ContentDisposition);
        var held = await data.Content.ReadFromJsonAsync<JsonElement>();
        var heldPerson = held.GetProperty("person");
        Assert.Equal(
            (person.FullName, "นักวิชาการพัสดุชำนาญการ", "องค์การบริหารส่วนจังหวัดทดสอบ", "TH-80", person.Phone, person.Email, person.NationalId),
            (heldPerson.GetProperty("fullName").GetString(), heldPerson.GetProperty("position").GetString(), heldPerson.GetProperty("agency").GetString(), heldPerson.GetProperty("province").GetString(),
             heldPerson.GetProperty("phone").GetString(), heldPerson.GetProperty("email").GetString(), heldPerson.GetProperty("nationalId").GetString()));
        Assert.Equal(("confirmed", workshop, "อบรมสิทธิของเจ้าของข้อมูล"), (held.GetProperty("status").GetString(), held.GetProperty("workshop").GetProperty("id").GetString(), held.GetProperty("workshop").GetProperty("title").GetString()));
        Assert.Equal(held.GetProperty("createdAt").GetDateTimeOffset(), held.GetProperty("consentedAt").GetDateTimeOffset());
        Assert.NotEqual(JsonValueKind.Null, held.GetProperty("decidedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, held.GetProperty("erasedAt").ValueKind);

        // The same as a file.
        var file = await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = code, download = true });
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("registration-data.json", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(person.NationalId, (await file.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("nationalId").GetString());

        // Withdrawal: cancelled, everything personal but the province erased, and said so.
        var before = DateTimeOffset.UtcNow;
        var withdrawn = await _app.PostJsonAsync("api/registrations/withdraw-consent", new { confirmationCode = code }, language: "en");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var outcome = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", outcome.GetProperty("status").GetString());
        Assert.Equal(["fullName", "position", "agency", "phone", "email", "nationalId"], outcome.GetProperty("erased").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["province"], outcome.GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Only the province given is kept", outcome.GetProperty("note").GetString(), StringComparison.Ordinal);
        var erasedAt = outcome.GetProperty("erasedAt").GetDateTimeOffset();
        Assert.InRange(erasedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(erasedAt, outcome.GetProperty("consentWithdrawnAt").GetDateTimeOffset());

        // The seat passed to the first on the waitlist.
        Assert.Equal("confirmed", await StatusOfAsync(waiting, "confirmed"));

        // In storage: the sealed columns are gone, and so are the hashes made from the values.
        var row = await StoredRowAsync(workshop, code);
        Assert.False(row.ContainsKey("Attendee"));
        Assert.False(row.ContainsKey("Code"));
        Assert.False(row.ContainsKey("Retry"));
        Assert.Equal(("cancelled", "", "", "TH-80"), (row.GetString("Status"), row.GetString("Guards"), row.GetString("RegistrantKeys"), row.GetString("Province")));
        Assert.Equal("fullName,position,agency,phone,email,nationalId", row.GetString("ErasedFields"));
        var guards = _app.Storage.Table(StorageNames.RegistrationsTable).QueryAsync<RegistrationGuard>(TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {"g-"} and RowKey lt {"g."}"));
        Assert.DoesNotContain(await guards.ToListAsync(), g => g.Registration == RowOf(code));
        Assert.Empty(await _app.Storage.Table(StorageNames.RegistrationCodesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {RowOf(code)} and PartitionKey ge {"who-"} and PartitionKey lt {"who."}")).ToListAsync());

        // The code still answers, with nothing personal; again is harmless and answers the same.
        var after = await (await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("cancelled", "TH-80"), (after.GetProperty("status").GetString(), after.GetProperty("person").GetProperty("province").GetString()));
        Assert.All(new[] { "fullName", "position", "agency", "phone", "email", "nationalId" }, f => Assert.Equal(JsonValueKind.Null, after.GetProperty("person").GetProperty(f).ValueKind));
        Assert.Equal(6, after.GetProperty("erased").GetArrayLength());
        var again = await (await _app.PostJsonAsync("api/registrations/withdraw-consent", new { confirmationCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(erasedAt, again.GetProperty("erasedAt").GetDateTimeOffset());
        Assert.Contains("ยกเลิกการลงทะเบียน", again.GetProperty("note").GetString(), StringComparison.Ordinal);

        // Off the attendee list; the person promoted is on it. Nothing personal reached the logs.
        var list = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(person.FullName, list, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        foreach (var value in new[] { person.FullName, person.Phone, person.Email, person.NationalId, code })
        {
            Assert.DoesNotContain(value, _app.Logs.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Withdrawal_AfterCheckIn_KeepsTheAttendanceRecordAndErasesContactsAndNationalId()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 5, title: "อบรมที่มีผู้เข้าร่วมแล้ว");
        var person = NewPerson();
        var code = await RegisterAsync(_app, workshop, person);
        await StatusOfAsync(code, "confirmed");
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn)).StatusCode);

        var outcome = await (await _app.PostJsonAsync("api/registrations/withdraw-consent", new { confirmationCode = code })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("checked_in", outcome.GetProperty("status").GetString());
        Assert.Equal(["phone", "email", "nationalId"], outcome.GetProperty("erased").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["fullName", "position", "agency", "province", "checkedInAt"], outcome.GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("บันทึกการเข้าร่วมการอบรม", outcome.GetProperty("note").GetString(), StringComparison.Ordinal);

        // Stored: the attendance record, re-sealed without the contacts; no code, no guards, no index rows.
        var row = await StoredRowAsync(workshop, code);
        Assert.False(row.ContainsKey("Code"));
        var kept = _app.Service<PiiProtector>().OpenJson<Attendee>(row.GetBinary("Attendee"), RegistrationCodes.AttendeeContext(workshop, RowOf(code)[2..]));
        Assert.Equal(new Attendee(person.FullName, "นักวิชาการพัสดุชำนาญการ", "องค์การบริหารส่วนจังหวัดทดสอบ", "TH-80", null, null, null), kept);
        Assert.Empty(await _app.Storage.Table(StorageNames.RegistrationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {"g-"} and RowKey lt {"g."}")).ToListAsync());

        // The attendee list still shows who came.
        var list = JsonDocument.Parse(await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage)).Content.ReadAsStringAsync()).RootElement;
        var attendee = Assert.Single(list.EnumerateArray());
        Assert.Equal((person.FullName, "checked_in"), (attendee.GetProperty("fullName").GetString(), attendee.GetProperty("status").GetString()));

        // The registrant sees the same; a second scan at the door still names them.
        var data = await (await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((person.FullName, JsonValueKind.Null, JsonValueKind.Null), (data.GetProperty("person").GetProperty("fullName").GetString(), data.GetProperty("person").GetProperty("phone").ValueKind, data.GetProperty("person").GetProperty("nationalId").ValueKind));
        var rescan = await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = code }, StaffRoles.WorkshopsCheckIn);
        Assert.Equal(HttpStatusCode.Conflict, rescan.StatusCode);
        Assert.Equal(person.FullName, (await rescan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Withdrawal_OfAPendingRegistration_CancelsItBeforeItsSeatIsDecided()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 2, title: "อบรมที่ยังไม่ได้ตัดสินที่นั่ง");
        var person = NewPerson();
        var code = await RegisterAsync(_app, workshop, person);

        // Whether the queue has decided it yet or not, the answer is the same and the seat stays free.
        var outcome = await (await _app.PostJsonAsync("api/registrations/withdraw-consent", new { confirmationCode = code })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("cancelled", outcome.GetProperty("status").GetString());
        await Task.Delay(500);
        Assert.Equal("cancelled", (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString());
        var ledger = (await _app.Storage.Table(StorageNames.RegistrationsTable).GetEntityAsync<SeatLedger>(workshop, SeatLedger.Row)).Value;
        Assert.Equal(0, ledger.Confirmed);
    }

    [Fact]
    public async Task Data_ForAWrongCode_Is404_AndABadBodyNamesTheField()
    {
        var unknown = await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = _app.Service<Core.Tracking.ConfirmationCodes>().New() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.PostJsonAsync("api/registrations/withdraw-consent", new { confirmationCode = _app.Service<Core.Tracking.TrackingCodes>().New() })).StatusCode);

        var bad = await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = "1234", download = "yes" }, language: "en");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["confirmationCode", "download"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    /// <summary>The times an erasure records are its clock's, to the tick.</summary>
    [Fact]
    public async Task Erasure_RecordsTheTimesOfItsClock()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 3, title: "อบรมที่บันทึกเวลาลบข้อมูล");
        var code = await RegisterAsync(_app, workshop, NewPerson());
        await StatusOfAsync(code, "confirmed");
        var clock = new FixedTime(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero));
        var erasure = new RegistrationErasure(_app.Storage, _app.Service<RegistrationDesk>(), _app.Service<RegistrantIndex>(), _app.Service<PiiProtector>(), clock, NullLogger<RegistrationErasure>.Instance);

        var outcome = await erasure.EraseAsync(workshop, RowOf(code), consentWithdrawn: true, CancellationToken.None);

        Assert.Equal((clock.Now, clock.Now), (outcome!.ErasedAt, outcome.ConsentWithdrawnAt));
        var row = await StoredRowAsync(workshop, code);
        Assert.Equal((clock.Now, clock.Now), (row.GetDateTimeOffset("ErasedAt"), row.GetDateTimeOffset("ConsentWithdrawnAt")));

        // Later, on a request by letter: nothing changes, and the first erasure's time stands.
        clock.Now = clock.Now.AddDays(3);
        var again = await erasure.EraseAsync(workshop, RowOf(code), consentWithdrawn: false, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero), again!.ErasedAt);
    }
}
