using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using MiniExcelLibs;

namespace AntiCorruption.IntegrationTests;

/// <summary>Workshops and registrations end to end, with more than one queue worker deciding seats.</summary>
[Collection(AppTests.Name)]
public class WorkshopTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<string> CreateWorkshopAsync(int capacity, DateTimeOffset? deadline = null)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(10);
        var response = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมเชิงปฏิบัติการคลินิกส่งเสริมธรรมาภิบาล",
            province = "TH-81",
            venue = "ห้องประชุมศาลากลางจังหวัดกระบี่",
            startsAt = starts.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(7).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            capacity,
            registrationDeadline = (deadline ?? starts.AddDays(-1)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var workshop = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, workshop.GetProperty("region").GetInt32());
        Assert.Equal(capacity, workshop.GetProperty("seatsRemaining").GetInt32());
        return workshop.GetProperty("id").GetString()!;
    }

    private static object Person(int i, string? name = null, string? phone = null) => new
    {
        fullName = name ?? $"ผู้เข้าร่วม ทดสอบ {i}",
        position = "ปลัดอำเภอ",
        agency = "ที่ทำการปกครองอำเภอเมืองกระบี่",
        province = "TH-81",
        email = $"p{i}.{Guid.NewGuid():N}@example.go.th",
        phone,
        consent = true,
    };

    private async Task<(HttpStatusCode Status, string Code)> RegisterAsync(string workshop, object person)
    {
        var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("confirmationCode", out var code) ? code.GetString()! : "");
    }

    private Task<JsonElement> RegistrationAsync(string code) => TestWorkshops.LookupAsync(_app.Client, code);

    private async Task<Dictionary<string, JsonElement>> DecidedAsync(IEnumerable<string> codes)
    {
        var all = codes.ToArray();
        return await Eventually.GetAsync(async () =>
        {
            var views = await Task.WhenAll(all.Select(async c => (c, await RegistrationAsync(c))));
            return views.All(v => v.Item2.GetProperty("status").GetString() != "pending") ? views.ToDictionary(v => v.c, v => v.Item2) : null;
        }, TimeSpan.FromSeconds(60), "every registration to be decided");
    }

    [Fact]
    public async Task Register_SixtyAtOnceForTwentySeats_TwentyConfirmedFortyWaitlistedThenPromotedInOrder()
    {
        // A second app instance: two sets of queue workers decide seats at the same time.
        await using var second = await AppHost.StartAsync((await Azurite.SharedAsync()).ConnectionString, ("AzureWebJobs:ProcessComplaint:Disabled", "true"));
        var workshop = await CreateWorkshopAsync(capacity: 20);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => RegisterAsync(workshop, Person(i))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var views = await DecidedAsync(results.Select(r => r.Code));

        var confirmed = views.Where(v => v.Value.GetProperty("status").GetString() == "confirmed").Select(v => v.Key).ToArray();
        var waitlisted = views.Where(v => v.Value.GetProperty("status").GetString() == "waitlisted").ToDictionary(v => v.Key, v => v.Value.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(20, confirmed.Length);
        Assert.Equal(Enumerable.Range(1, 40), waitlisted.Values.Order());
        var workshopView = await (await _app.Client.GetAsync(new Uri($"api/workshops/{workshop}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, workshopView.GetProperty("seatsRemaining").GetInt32());

        // Five cancel: positions 1..5 move up, in order, and nobody else does.
        foreach (var code in confirmed.Take(5))
        {
            var cancelled = await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", code);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var after = await Task.WhenAll(waitlisted.Keys.Select(async c => (Code: c, View: await RegistrationAsync(c))));
        var promoted = after.Where(a => a.View.GetProperty("status").GetString() == "confirmed").Select(a => waitlisted[a.Code]).Order();
        Assert.Equal(Enumerable.Range(1, 5), promoted);
        Assert.Equal(Enumerable.Range(1, 35), after.Where(a => a.View.GetProperty("status").GetString() == "waitlisted").Select(a => a.View.GetProperty("waitlistPosition").GetInt32()).Order());
        Assert.Equal("cancelled", (await RegistrationAsync(confirmed[0])).GetProperty("status").GetString());

        // A capacity increase promotes the next three, still in order.
        var raised = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 23 }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var afterRaise = await Task.WhenAll(waitlisted.Keys.Select(async c => (Code: c, View: await RegistrationAsync(c))));
        Assert.Equal(Enumerable.Range(1, 8), afterRaise.Where(a => a.View.GetProperty("status").GetString() == "confirmed").Select(a => waitlisted[a.Code]).Order());

        // Someone on the waitlist cancels: everyone behind moves up one (places are read per waitlist version, never stale).
        var first = afterRaise.Single(a => a.View.GetProperty("status").GetString() == "waitlisted" && a.View.GetProperty("waitlistPosition").GetInt32() == 1).Code;
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", first)).StatusCode);
        var afterLeaving = await Task.WhenAll(waitlisted.Keys.Where(c => c != first).Select(async c => await RegistrationAsync(c)));
        Assert.Equal(Enumerable.Range(1, 31), afterLeaving.Where(v => v.GetProperty("status").GetString() == "waitlisted").Select(v => v.GetProperty("waitlistPosition").GetInt32()).Order());

        // Below the confirmed count is refused.
        var lowered = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 10 }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.BadRequest, lowered.StatusCode);

        // Enough seats for everyone: the whole waitlist is promoted and its index is empty.
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { capacity = 60 }, StaffRoles.WorkshopsManage)).StatusCode);
        var afterAll = await Task.WhenAll(waitlisted.Keys.Where(c => c != first).Select(async c => await RegistrationAsync(c)));
        Assert.All(afterAll, v => Assert.Equal("confirmed", v.GetProperty("status").GetString()));
        var index = _app.Storage.Table(StorageNames.RegistrationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshop} and RowKey ge {"w-"} and RowKey lt {"w."}"));
        Assert.Empty(await index.ToListAsync());
    }

    private static readonly object Somsri = new { fullName = "สมศรี มีสุข", province = "TH-81", email = "somsri@example.go.th", phone = "081 111 2222", nationalId = "1101700230708", consent = true };

    /// <summary>Another person typing Somsri's email, phone or national id (written another way each time).</summary>
    private static readonly (string Field, object Body)[] Impostors =
    [
        ("email", new { fullName = "คนอื่น หนึ่ง", province = "TH-81", email = "SOMSRI@example.go.th", consent = true }),
        ("phone", new { fullName = "คนอื่น สอง", province = "TH-81", phone = "+66811112222", consent = true }),
        ("nationalId", new { fullName = "คนอื่น สาม", province = "TH-81", email = "other@example.go.th", nationalId = "1-1017-00230-70-8", consent = true }),
    ];

    [Fact]
    public async Task Register_AnotherPersonsEmailPhoneOrNationalId_Is409WithNoCodeTheSameWhicheverMatched()
    {
        var workshop = await CreateWorkshopAsync(capacity: 5);
        var first = await RegisterAsync(workshop, Somsri);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.True(AntiCorruption.Core.Tracking.TrackingCodes.TryNormalize(first.Code, out var canonical));
        var compact = canonical.Replace("-", "", StringComparison.Ordinal);

        var answers = new List<string>();
        foreach (var (field, impostor) in Impostors)
        {
            using var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", impostor, language: "en");
            var body = await response.Content.ReadAsStringAsync();
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            foreach (var form in new[] { first.Code, canonical, compact })
            {
                Assert.DoesNotContain(form, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(form, headers, StringComparison.OrdinalIgnoreCase);
            }

            var problem = JsonDocument.Parse(body).RootElement;
            Assert.EndsWith(":already-registered", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.False(problem.TryGetProperty("confirmationCode", out _), field);
            Assert.False(problem.TryGetProperty("errors", out _), field); // no field named: nothing says which one matched
            Assert.DoesNotContain(field, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
            answers.Add(problem.GetProperty("type").GetString() + "|" + problem.GetProperty("title").GetString() + "|" + problem.GetProperty("detail").GetString());
        }

        Assert.Single(answers.Distinct());
        // The person who registered is untouched: their code still works and their seat is decided.
        var view = (await DecidedAsync([first.Code]))[first.Code];
        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_app.Client, "qr", first.Code)).StatusCode);
        var workshopView = await _app.Client.GetFromJsonAsync<JsonElement>(new Uri($"api/workshops/{workshop}", UriKind.Relative));
        Assert.Equal(4, workshopView.GetProperty("seatsRemaining").GetInt32());
    }

    [Fact]
    public async Task Register_RetryWithTheSameKeyAndBody_GetsItsOwnAnswerAndNothingElseDoes()
    {
        var workshop = await CreateWorkshopAsync(capacity: 5);
        var key = Guid.NewGuid().ToString();
        var person = new { fullName = "สมชาย ใจดี", province = "TH-81", phone = "081 333 4444", consent = true };
        var first = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person, idempotencyKey: key);
        var code = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;

        var retry = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person, idempotencyKey: key);
        var noKey = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person);
        var otherKey = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person, idempotencyKey: Guid.NewGuid().ToString());
        var sameKeyOtherBody = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "คนอื่น", province = "TH-81", phone = "0813334444", consent = true }, idempotencyKey: key);
        var guessableKey = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person, idempotencyKey: "1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, again.GetProperty("confirmationCode").GetString());
        Assert.Equal("pending", again.GetProperty("status").GetString());
        foreach (var refused in new[] { noKey, otherKey, sameKeyOtherBody })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.DoesNotContain(code, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, guessableKey.StatusCode);
        Assert.True((await guessableKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
        await DecidedAsync([code]);
        Assert.Equal(4, (await _app.Client.GetFromJsonAsync<JsonElement>(new Uri($"api/workshops/{workshop}", UriKind.Relative))).GetProperty("seatsRemaining").GetInt32());
    }

    [Fact]
    public async Task Register_SamePersonFiveTimesAtOnce_HoldsOneSeat()
    {
        var workshop = await CreateWorkshopAsync(capacity: 5);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RegisterAsync(workshop, new { fullName = "คนเดิม", province = "TH-81", email = "same.person@example.go.th", consent = true })));

        var accepted = Assert.Single(results, r => r.Status == HttpStatusCode.Accepted);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Accepted), r => Assert.Equal((HttpStatusCode.Conflict, ""), r));
        await DecidedAsync([accepted.Code]);
        var workshopView = await (await _app.Client.GetAsync(new Uri($"api/workshops/{workshop}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, workshopView.GetProperty("seatsRemaining").GetInt32());
    }

    [Fact]
    public async Task Register_AfterTheDeadline_Is409()
    {
        var workshop = await CreateWorkshopAsync(capacity: 5, deadline: DateTimeOffset.UtcNow.AddMinutes(-1));

        var late = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", Person(1));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.DoesNotContain((await (await _app.Client.GetAsync(new Uri("api/workshops", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), w => w.GetProperty("id").GetString() == workshop);
    }

    [Theory]
    [InlineData("nationalId", "1101700230706")]
    [InlineData("phone", "12345")]
    [InlineData("province", "TH-00")]
    [InlineData("consent", "false")]
    public async Task Register_BadField_Is400NamingIt(string field, string value)
    {
        var workshop = await CreateWorkshopAsync(capacity: 5);
        var body = JsonSerializer.SerializeToNode(Person(1))!.AsObject();
        body[field] = field == "consent" ? false : value;

        var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CheckIn_ConfirmedOnceAndOnlyOnce_EvenWithTenScansAtOnce()
    {
        var workshop = await CreateWorkshopAsync(capacity: 1);
        var seat = await RegisterAsync(workshop, Person(1));
        var waiting = await RegisterAsync(workshop, Person(2));
        await DecidedAsync([seat.Code, waiting.Code]);
        var (confirmedCode, waitlistedCode) = (await RegistrationAsync(seat.Code)).GetProperty("status").GetString() == "confirmed" ? (seat.Code, waiting.Code) : (waiting.Code, seat.Code);

        var scans = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = confirmedCode.ToLowerInvariant() }, StaffRoles.WorkshopsManage)));
        var waitlistedScan = await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = waitlistedCode }, StaffRoles.WorkshopsManage);
        var unknown = await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }, StaffRoles.WorkshopsManage);
        var otherWorkshop = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops/nst-2563-0702/checkins", new { confirmationCode = confirmedCode }, StaffRoles.WorkshopsManage);

        Assert.Equal(1, scans.Count(s => s.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, scans.Count(s => s.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Conflict, waitlistedScan.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherWorkshop.StatusCode);
        Assert.Equal("checked_in", (await RegistrationAsync(confirmedCode)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task QrCode_OfARegistration_IsAnSvg()
    {
        var workshop = await CreateWorkshopAsync(capacity: 2);
        var seat = await RegisterAsync(workshop, Person(1));

        var qr = await TestWorkshops.CodeRouteAsync(_app.Client, "qr", seat.Code);
        var unknown = await TestWorkshops.CodeRouteAsync(_app.Client, "qr", "ABCD-EFGH-JKMN-PQRS-TVWX");

        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType!.MediaType);
        var svg = await qr.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.True(svg.Split("<rect", StringSplitOptions.None).Length > 50 || svg.Contains("<path", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task CodeRoutes_TakeTheCodeInTheBody_AndTheOldPathsAreGone()
    {
        var workshop = await CreateWorkshopAsync(capacity: 2);
        var seat = await RegisterAsync(workshop, Person(1));
        await DecidedAsync([seat.Code]);

        var lookup = await TestWorkshops.CodeRouteAsync(_app.Client, "lookup", seat.Code.ToLowerInvariant());
        var unknown = await TestWorkshops.CodeRouteAsync(_app.Client, "lookup", "ABCD-EFGH-JKMN-PQRS-TVWX");
        var malformed = await Task.WhenAll(
            _app.PostJsonAsync("api/registrations/lookup", new { confirmationCode = "not a code" }),
            _app.PostJsonAsync("api/registrations/cancel", new { confirmationCode = 12345 }),
            _app.PostJsonAsync("api/registrations/qr", new { code = seat.Code }));
        var oldPaths = await Task.WhenAll(
            _app.Client.GetAsync(new Uri($"api/registrations/{seat.Code}", UriKind.Relative)),
            _app.Client.DeleteAsync(new Uri($"api/registrations/{seat.Code}", UriKind.Relative)),
            _app.Client.GetAsync(new Uri($"api/registrations/{seat.Code}/qr.svg", UriKind.Relative)));
        var stillConfirmed = await RegistrationAsync(seat.Code);
        var cancelled = await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", seat.Code);
        var cancelledAgain = await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", seat.Code);
        var cancelUnknown = await TestWorkshops.CodeRouteAsync(_app.Client, "cancel", "ABCD-EFGH-JKMN-PQRS-TVWX");

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var view = await lookup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(workshop, view.GetProperty("workshopId").GetString());
        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var response in malformed)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("confirmationCode", out _));
        }

        Assert.All(oldPaths, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("confirmed", stillConfirmed.GetProperty("status").GetString()); // the old DELETE did nothing
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelledAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelUnknown.StatusCode);
        Assert.Equal("cancelled", (await RegistrationAsync(seat.Code)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Attendees_CsvAndXlsx_HaveThaiHeadersAndNoFormulas()
    {
        var workshop = await CreateWorkshopAsync(capacity: 3);
        var evil = await RegisterAsync(workshop, Person(1, name: "=HYPERLINK(\"http://evil.example\",\"คลิก\")"));
        var plain = await RegisterAsync(workshop, Person(2, name: "สมปอง ใจงาม"));
        await DecidedAsync([evil.Code, plain.Code]);
        await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = plain.Code }, StaffRoles.WorkshopsManage);

        var csvResponse = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=csv", null, StaffRoles.WorkshopsManage);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ลำดับ,ชื่อ-นามสกุล,ตำแหน่ง,หน่วยงาน,จังหวัด,สถานะ,เวลาเช็กอิน", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"คลิก\"\")\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(1), l => l.Split(',').Any(cell => cell.TrimStart('"').StartsWith('=')));
        Assert.Contains(lines, l => l.Contains("สมปอง ใจงาม", StringComparison.Ordinal) && l.Contains("เช็กอินแล้ว", StringComparison.Ordinal) && l.Contains("กระบี่", StringComparison.Ordinal));
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition!.DispositionType, StringComparison.Ordinal);

        var xlsxResponse = await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=xlsx", null, StaffRoles.WorkshopsManage);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType!.MediaType);
        using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal(["ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง", "หน่วยงาน", "จังหวัด", "สถานะ", "เวลาเช็กอิน"], rows[0].Keys);
        Assert.Contains(rows, r => (string)r["ชื่อ-นามสกุล"] == "'=HYPERLINK(\"http://evil.example\",\"คลิก\")");
        Assert.Contains(rows, r => (string)r["สถานะ"] == "เช็กอินแล้ว" && ((string)r["เวลาเช็กอิน"]).Contains("25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateOrChange_StartInABuddhistEraYear_Is400NamingStartsAt()
    {
        var body = new
        {
            title = "อบรมที่พิมพ์ปี พ.ศ. แทน ค.ศ.",
            province = "TH-81",
            venue = "ศาลากลางจังหวัดกระบี่",
            startsAt = "2570-01-20T09:00:00+07:00",
            endsAt = "2570-01-20T16:00:00+07:00",
            capacity = 30,
            registrationDeadline = "2570-01-15T17:00:00+07:00",
        };
        var workshop = await CreateWorkshopAsync(capacity: 5);
        var before = await (await _app.Client.GetAsync(new Uri($"api/workshops/{workshop}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();

        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", body, StaffRoles.WorkshopsManage);
        var createdInEnglish = await _app.StaffWithTokenAsync(HttpMethod.Post, "api/staff/workshops", body, TestKeys.StaffToken(StaffRoles.WorkshopsManage), "en");
        var changed = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new { startsAt = body.startsAt }, StaffRoles.WorkshopsManage);
        var after = await (await _app.Client.GetAsync(new Uri($"api/workshops/{workshop}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();

        foreach (var (response, message) in new[]
        {
            (created, "ปี 2570 เป็นปี พ.ศ. กรุณาระบุเป็นปี ค.ศ. (2027)"),
            (createdInEnglish, "2570 is a Buddhist Era year: write the Common Era year (2027)."),
            (changed, "ปี 2570 เป็นปี พ.ศ. กรุณาระบุเป็นปี ค.ศ. (2027)"),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.Equal(message, problem.GetProperty("errors").GetProperty("startsAt")[0].GetString());
        }

        Assert.Equal(before.GetProperty("startsAt").GetDateTimeOffset(), after.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(before.GetProperty("fiscalYear").GetInt32(), after.GetProperty("fiscalYear").GetInt32());
        var open = await (await _app.Client.GetAsync(new Uri("api/workshops", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(open.EnumerateArray(), w => w.GetProperty("title").GetString() == body.title);
    }

    [Fact]
    public async Task StoredBeforeTheCheck_AWorkshopInABuddhistEraYear_IsNotOpen()
    {
        // Stored by the first version: start in 2570 as typed, fiscal year 3113.
        var workshop = await CreateWorkshopAsync(capacity: 5);
        var table = _app.Storage.Table(AntiCorruption.Core.Storage.StorageNames.WorkshopsTable);
        var row = (await table.GetEntityAsync<AntiCorruption.Core.Workshops.WorkshopEntity>(AntiCorruption.Core.Workshops.WorkshopEntity.Partition, workshop)).Value;
        row.StartsAt = new DateTimeOffset(2570, 1, 20, 9, 0, 0, TimeSpan.FromHours(7));
        row.EndsAt = row.StartsAt.AddHours(7);
        row.RegistrationDeadline = row.StartsAt.AddDays(-5);
        row.FiscalYear = 3113;
        await table.UpdateEntityAsync(row, row.ETag);

        var open = await (await _app.Client.GetAsync(new Uri("api/workshops", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        var registered = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", new { fullName = "ผู้สมัคร ปีผิด", province = "TH-80", email = $"wrongyear.{Guid.NewGuid():N}@example.go.th", consent = true });

        Assert.DoesNotContain(open.EnumerateArray(), w => w.GetProperty("id").GetString() == workshop);
        Assert.Equal(HttpStatusCode.Conflict, registered.StatusCode);
    }

    [Fact]
    public async Task SeededWorkshop_NakhonSiThammarat2020_IsThere()
    {
        var response = await _app.Client.GetAsync(new Uri("api/workshops/nst-2563-0702", UriKind.Relative));
        var workshop = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2563, workshop.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(8, workshop.GetProperty("region").GetInt32());
        Assert.Equal(200, workshop.GetProperty("capacity").GetInt32());
        Assert.False(workshop.GetProperty("registrationOpen").GetBoolean());
        Assert.Equal(new DateTimeOffset(2020, 7, 2, 2, 0, 0, TimeSpan.Zero), workshop.GetProperty("startsAt").GetDateTimeOffset());
    }
}
