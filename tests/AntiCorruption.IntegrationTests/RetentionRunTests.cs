using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The retention schedule applied with a moved clock, on the app's own storage: each period
/// erases exactly the fields it names (rows read before and after, compared property by
/// property), the figures compiled before and after are the same, and each run writes its counts
/// to the audit trail first. The host and its Azurite are this class's alone: a run with the
/// clock years ahead erases whatever is old enough, and no other test's data may be.
/// </summary>
public sealed class RetentionRunTests(RetentionRunTests.OwnApp fixture) : IClassFixture<RetentionRunTests.OwnApp>
{
    private static readonly string Region8 = StaffRoles.Region(8);
    private readonly AppHost _app = fixture.Host;

    /// <summary>An Azurite and a host of the class's own.</summary>
    public sealed class OwnApp : IAsyncLifetime
    {
        private Azurite _azurite = null!;

        public AppHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _azurite = await Azurite.StartNewAsync();
            Host = await AppHost.StartAsync(_azurite.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task CasePeriods_EachEraseOnlyTheirFields_AndTheFiguresStay()
    {
        await ForgetProgressAsync();
        var trailBefore = (await TrailRecords.AllAsync(_app)).Count;
        // Three periods a year apart, so each can be seen on its own: the schedule is data.
        var schedule = Schedule(
            (RetentionKinds.ReporterIdentity, "1 year"), (RetentionKinds.Evidence, "2 years"), (RetentionKinds.Messages, "3 years"));
        var named = await SubmitAsync(anonymous: false, withFile: true);
        var anonymous = await SubmitAsync(anonymous: true, withFile: false);
        var open = await SubmitAsync(anonymous: false, withFile: true);
        foreach (var c in new[] { named, anonymous, open })
        {
            await StaffOkAsync(HttpMethod.Post, $"api/staff/complaints/{c.Id}/messages", new { text = "ขอสำเนาใบเสร็จที่กล่าวถึงด้วยครับ" });
            Assert.Equal(HttpStatusCode.Created, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = c.Code, text = "ส่งให้แล้วค่ะ ดิฉันเป็นเจ้าหน้าที่การเงินของ อบต." })).StatusCode);
        }

        await CloseAsync(named.Id);
        await CloseAsync(anonymous.Id);
        await StaffOkAsync(HttpMethod.Patch, $"api/staff/complaints/{open.Id}/status", new { status = "under_review" });
        var closedAt = (await ComplaintAsync(named.Id)).ClosedAt!.Value;
        var namedFile = (await AttachmentsOfAsync(named.Id)).Single();
        var figures = await FiguresAsync(FiscalYear.Of(closedAt));
        var rows = await RowsAsync(named.Id, anonymous.Id, open.Id);

        // A day short of the first period: nothing.
        await RunAsync(schedule, closedAt.AddYears(1).AddDays(-1));
        AssertChanged(rows, await RowsAsync(named.Id, anonymous.Id, open.Id), []);

        // The identity's period: the reporter goes from the named case, and nothing else anywhere.
        var identity = await RunAsync(schedule, closedAt.AddYears(1).AddHours(1));
        var afterIdentity = await RowsAsync(named.Id, anonymous.Id, open.Id);
        AssertChanged(rows, afterIdentity, [$"{named.Id}.Reporter", $"{named.Id}.ReporterErasedAt", $"{named.Id}.ReporterErasedBy"]);
        Assert.Equal((1, 1), (identity.Kinds[RetentionKinds.ReporterIdentity].Due, identity.Kinds[RetentionKinds.ReporterIdentity].Done));
        var erased = await ComplaintAsync(named.Id);
        Assert.Equal((false, null, Erasures.ByRetention), (erased.Anonymous, erased.Reporter, erased.ReporterErasedBy));

        // Staff are told the identity existed and was erased, not that the reporter was anonymous.
        var opened = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{named.Id}/identity", new { reason = "ตรวจสอบว่ายังมีข้อมูลผู้แจ้งหรือไม่" }, StaffRoles.ComplaintsIdentity, Region8);
        var answer = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("anonymous").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("reporter").ValueKind);
        Assert.Equal("retention", answer.GetProperty("erased").GetProperty("by").GetString());

        // The evidence's period: the file's blob and row go, the case only gains its marker.
        await RunAsync(schedule, closedAt.AddYears(2).AddHours(1));
        var afterEvidence = await RowsAsync(named.Id, anonymous.Id, open.Id);
        AssertChanged(afterIdentity, afterEvidence, [$"{named.Id}.EvidenceErasedAt", $"attachment {namedFile}"]);
        Assert.False(await _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer).GetBlobClient(namedFile).ExistsAsync());
        Assert.Single(await AttachmentsOfAsync(open.Id));

        // The conversation's period: both closed cases' messages go; the open case keeps its own.
        await RunAsync(schedule, closedAt.AddYears(3).AddHours(1));
        var afterMessages = await RowsAsync(named.Id, anonymous.Id, open.Id);
        AssertChanged(afterEvidence, afterMessages,
            [$"{named.Id}.MessagesErasedAt", $"{anonymous.Id}.MessagesErasedAt", $"messages of {named.Id}", $"messages of {anonymous.Id}"]);
        Assert.Null((await ComplaintAsync(anonymous.Id)).ReporterErasedAt);

        // Again: nothing left to do, nothing changes.
        var again = await RunAsync(schedule, closedAt.AddYears(3).AddHours(2));
        AssertChanged(afterMessages, await RowsAsync(named.Id, anonymous.Id, open.Id), []);
        Assert.All([RetentionKinds.ReporterIdentity, RetentionKinds.Evidence, RetentionKinds.Messages], k => Assert.Equal(0, again.Kinds[k].Done));

        // The figures compiled before and after every erasure are the same.
        Assert.Equal(figures, await FiguresAsync(FiscalYear.Of(closedAt)));

        // The case as staff read it says what went.
        var view = await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{named.Id}", null, StaffRoles.ComplaintsRead, Region8)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(["reporter", "evidence", "messages"], part => Assert.Equal("retention", view.GetProperty("erased").GetProperty(part).GetProperty("by").GetString()));
        Assert.Equal(0, view.GetProperty("attachments").GetArrayLength());
        Assert.Equal(0, view.GetProperty("messages").GetArrayLength());

        // Each run recorded its counts first, as the system, for no region, with nothing personal.
        var records = (await TrailRecords.AllAsync(_app)).Skip(trailBefore).Where(r => r.Action == AuditActions.RetentionApplied).ToList();
        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal((RetentionRun.Actor.Id, (int?)null, (string?)null), (r.Actor, r.Region, r.ComplaintId)));
        Assert.Contains("reporter-identity 1, evidence 0, messages 0,", records[1].Detail, StringComparison.Ordinal);
        Assert.Contains("reporter-identity 0, evidence 1, messages 0,", records[2].Detail, StringComparison.Ordinal);
        Assert.Contains("reporter-identity 0, evidence 0, messages 2,", records[3].Detail, StringComparison.Ordinal);
        Assert.Contains(schedule.Sha256[..12], records[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(records, r => r.Detail!.Contains(named.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationPeriods_EraseContactsThenNames_AndTheCountsStay()
    {
        await ForgetProgressAsync();
        var schedule = _app.Service<RetentionSchedule>();
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 10, daysAhead: 3);
        var codes = new List<string>();
        foreach (var i in Enumerable.Range(0, 3))
        {
            var person = new Dictionary<string, object>
            {
                ["fullName"] = $"ผู้เข้าร่วม ทดสอบ{i}", ["position"] = "นักวิชาการเงินและบัญชี", ["agency"] = "อบต. ท่าศาลา", ["province"] = "TH-80",
                ["phone"] = $"08123456{i:D2}", ["email"] = $"retention.{i}.{Guid.NewGuid():N}@example.go.th", ["consent"] = true,
            };
            if (i == 0)
            {
                person["nationalId"] = "1101700230708";
            }

            var response = await _app.PostJsonAsync($"api/workshops/{workshop}/registrations", person);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!);
        }

        foreach (var code in codes)
        {
            await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, code)).GetProperty("status").GetString() == "confirmed" ? code : null, TimeSpan.FromSeconds(15), "the seat decided");
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{workshop}/checkins", new { confirmationCode = codes[0] }, StaffRoles.WorkshopsCheckIn, Region8)).StatusCode);
        var entity = (await _app.Storage.Table(StorageNames.WorkshopsTable).GetEntityAsync<WorkshopEntity>(WorkshopEntity.Partition, workshop)).Value;
        var year = new FiscalYear(entity.FiscalYear);
        var figures = await FiguresAsync(year);
        var before = await RegistrationRowsAsync(workshop);
        Assert.Equal(3 + 3 + 1, before.Count(r => r.Key.StartsWith("g-", StringComparison.Ordinal))); // an email and a phone each, one national id
        Assert.Equal(3 + 3 + 1, before.Count(r => r.Key.StartsWith("who-", StringComparison.Ordinal)));

        // Contacts: 90 days after the workshop ends, not an hour before.
        await RunAsync(schedule, entity.EndsAt.AddDays(90).AddHours(-1));
        AssertChanged(before, await RegistrationRowsAsync(workshop), []);
        await RunAsync(schedule, entity.EndsAt.AddDays(90).AddHours(1));
        var afterContacts = await RegistrationRowsAsync(workshop);
        var registrations = before.Keys.Where(k => k.StartsWith("r-", StringComparison.Ordinal)).ToArray();
        AssertChanged(before, afterContacts, [
            .. registrations.SelectMany(r => new[] { $"{r}.Attendee.phone", $"{r}.Attendee.email", $"{r}.Guards", $"{r}.RegistrantKeys", $"{r}.ContactsErasedAt" }),
            .. before.Keys.Where(k => k.StartsWith("g-", StringComparison.Ordinal) || k.StartsWith("who-", StringComparison.Ordinal)),
            $"{registrations.Single(r => before[r].ContainsKey("Attendee.nationalId") && before[r]["Attendee.nationalId"] != "null")}.Attendee.nationalId",
        ]);

        // Names: a year after the workshop's fiscal year ends. With the contacts gone nothing personal
        // is left, so the sealed details go altogether; status, check-in and province stay on the row.
        await RunAsync(schedule, year.End.AddYears(1).AddHours(-1));
        AssertChanged(afterContacts, await RegistrationRowsAsync(workshop), []);
        var attendees = await AttendeesAsync(workshop);
        Assert.Equal(["checked_in", "confirmed", "confirmed"], attendees.Select(a => a.GetProperty("status").GetString()).Order(StringComparer.Ordinal));
        await RunAsync(schedule, year.End.AddYears(1).AddHours(1));
        AssertChanged(afterContacts, await RegistrationRowsAsync(workshop),
            [.. registrations.SelectMany(r => new[] { $"{r}.Attendee", $"{r}.NameErasedAt" }.Concat(
                new[] { "fullName", "position", "agency", "province", "phone", "email", "nationalId" }.Select(f => $"{r}.Attendee.{f}")))]);

        Assert.Equal(figures, await FiguresAsync(year));
        Assert.Empty(await AttendeesAsync(workshop));

        // The registrant, with their code, is told what the schedule erased; the check-in stays.
        var data = await (await _app.PostJsonAsync("api/registrations/data", new { confirmationCode = codes[0] })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("checked_in", data.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("person").GetProperty("fullName").ValueKind);
        Assert.Equal("TH-80", data.GetProperty("person").GetProperty("province").GetString());
        Assert.Equal(
            ["agency", "email", "fullName", "nationalId", "phone", "position"],
            data.GetProperty("erased").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PoisonMessages_OlderThanTheirPeriodGo_NewerStay_AndARunDoesNoMoreThanItsBound()
    {
        await ForgetProgressAsync();
        var schedule = _app.Service<RetentionSchedule>();
        var poison = _app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue));
        await poison.ClearMessagesAsync();
        foreach (var i in Enumerable.Range(0, 3))
        {
            await poison.SendMessageAsync($"old-{i}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await poison.SendMessageAsync("new");
        var inserted = (await poison.PeekMessagesAsync(32)).Value.ToDictionary(m => m.Body.ToString(), m => m.InsertedOn!.Value);
        var cutoffBetween = inserted["new"].AddDays(7).AddSeconds(-1);
        Assert.True(inserted.Where(m => m.Key.StartsWith("old", StringComparison.Ordinal)).All(m => m.Value.AddDays(7) < cutoffBetween));

        var first = await RunAsync(schedule, cutoffBetween, most: 2);
        Assert.Equal(new RetentionCount(2, 2, 0, More: true), first.Kinds[RetentionKinds.PoisonMessages]);
        var second = await RunAsync(schedule, cutoffBetween, most: 2);
        Assert.Equal(new RetentionCount(1, 1, 0, More: false), second.Kinds[RetentionKinds.PoisonMessages]);

        var left = await Eventually.GetAsync(async () => (await poison.PeekMessagesAsync(32)).Value is { Length: > 0 } messages ? messages : null, TimeSpan.FromSeconds(10), "the newer message visible");
        Assert.Equal(["new"], left.Select(m => m.Body.ToString()));
    }

    /// <summary>
    /// A case under a legal hold keeps everything past its period, and the run says so; lifted, the
    /// next run erases it (the run's progress did not pass it by meanwhile).
    /// </summary>
    [Fact]
    public async Task LegalHold_KeepsACasePastItsPeriod_UntilItIsLifted()
    {
        await ForgetProgressAsync();
        var schedule = _app.Service<RetentionSchedule>();
        var named = await SubmitAsync(anonymous: false, withFile: false);
        await CloseAsync(named.Id);
        var closedAt = (await ComplaintAsync(named.Id)).ClosedAt!.Value;
        await StaffOkAsync(HttpMethod.Put, $"api/staff/complaints/{named.Id}/legal-hold", new { hold = true, reason = "คดีอาญาอยู่ระหว่างการสอบสวนของพนักงานสอบสวน" });

        var held = await RunAsync(schedule, closedAt.AddYears(2).AddDays(1));
        Assert.Equal((0, 1), (held.Kinds[RetentionKinds.ReporterIdentity].Due, held.Kinds[RetentionKinds.ReporterIdentity].Held));
        Assert.NotNull((await ComplaintAsync(named.Id)).Reporter);
        await RunAsync(schedule, closedAt.AddYears(2).AddDays(2));
        Assert.NotNull((await ComplaintAsync(named.Id)).Reporter);

        await StaffOkAsync(HttpMethod.Put, $"api/staff/complaints/{named.Id}/legal-hold", new { hold = false, reason = "ศาลมีคำพิพากษาถึงที่สุดแล้ว" });
        var lifted = await RunAsync(schedule, closedAt.AddYears(2).AddDays(3));
        Assert.Equal((1, 1, 0), (lifted.Kinds[RetentionKinds.ReporterIdentity].Due, lifted.Kinds[RetentionKinds.ReporterIdentity].Done, lifted.Kinds[RetentionKinds.ReporterIdentity].Held));
        Assert.Null((await ComplaintAsync(named.Id)).Reporter);
    }

    /// <summary>Record, then act: a run whose audit record cannot be written erases nothing.</summary>
    [Fact]
    public async Task Run_WhenTheAuditTrailCannotBeWritten_ErasesNothing()
    {
        await ForgetProgressAsync();
        var schedule = _app.Service<RetentionSchedule>();
        var named = await SubmitAsync(anonymous: false, withFile: false);
        await CloseAsync(named.Id);
        var closedAt = (await ComplaintAsync(named.Id)).ClosedAt!.Value;

        await TrailRecords.WhileDownAsync(_app, async () =>
            await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(schedule, closedAt.AddYears(2).AddDays(1))));

        Assert.NotNull((await ComplaintAsync(named.Id)).Reporter);
        await RunAsync(schedule, closedAt.AddYears(2).AddDays(1));
        Assert.Null((await ComplaintAsync(named.Id)).Reporter);
    }

    private async Task<RetentionSummary> RunAsync(RetentionSchedule schedule, DateTimeOffset at, int most = RetentionRun.MostPerKind) =>
        await new RetentionRun(schedule, _app.Storage, _app.Service<ComplaintStore>(), _app.Service<PiiProtector>(), _app.Service<AntiCorruption.Core.Line.LineNotifyLinks>(), _app.Service<RegistrantIndex>(), _app.Service<RetentionProgress>(),
            _app.Service<AuditLog>(), new FixedTime(at), NullLogger<RetentionRun>.Instance).ApplyAsync(most, CancellationToken.None);

    /// <summary>Each test starts from a run that has done nothing: their clocks go back and forth between tests.</summary>
    private async Task ForgetProgressAsync()
    {
        var table = _app.Storage.Table(StorageNames.RetentionTable);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private static RetentionSchedule Schedule(params (string Kind, string Period)[] periods)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Seeds, RetentionSchedule.FileName)))!.AsObject();
        foreach (var (kind, period) in periods)
        {
            file["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == kind)!["period"] = period;
        }

        return RetentionSchedule.Parse(Encoding.UTF8.GetBytes(file.ToJsonString()));
    }

    private async Task<(string Id, string Code, string Name)> SubmitAsync(bool anonymous, bool withFile)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var name = $"สมหญิง เก็บรักษา{marker}";
        var files = withFile ? new[] { await _app.UploadAsync(Evidence.Jpeg, "photo.jpg") } : [];
        var body = new Dictionary<string, object>
        {
            ["category"] = "bribery", ["province"] = "TH-80", ["agency"] = $"อบต. ทดสอบระยะเวลาเก็บ {marker}",
            ["description"] = "ปลัดเรียกรับเงินสองหมื่นบาทเพื่อเซ็นอนุญาตก่อสร้าง", ["anonymous"] = anonymous, ["attachmentIds"] = files,
        };
        if (!anonymous)
        {
            body["consent"] = true;
            body["reporter"] = new { name, phone = "089 765 4321", email = $"r.{marker}@example.com" };
        }

        var response = await _app.PostJsonAsync("api/complaints", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        if (withFile)
        {
            await Eventually.GetAsync(async () => (await AttachmentsOfAsync(id)).Count == 1 ? id : null, TimeSpan.FromSeconds(15), "the file claimed");
        }

        return (id, code, name);
    }

    private async Task CloseAsync(string id)
    {
        await StaffOkAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "under_review" });
        await StaffOkAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "closed", note = "ตรวจสอบแล้วไม่พบมูล", @public = true });
    }

    private async Task StaffOkAsync(HttpMethod method, string path, object body)
    {
        var response = await _app.StaffAsync(method, path, body, StaffRoles.ComplaintsManage, Region8);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<ComplaintEntity> ComplaintAsync(string id) => (await _app.Service<ComplaintStore>().GetAsync(id, CancellationToken.None))!;

    private async Task<List<string>> AttachmentsOfAsync(string complaintId)
    {
        var found = new List<string>();
        await foreach (var row in _app.Storage.Table(StorageNames.AttachmentsTable).QueryAsync<AttachmentEntity>(TableClient.CreateQueryFilter($"ComplaintId eq {complaintId}")))
        {
            found.Add(row.RowKey);
        }

        return found;
    }

    /// <summary>
    /// What is stored about these cases, flattened: "{id}.{property}" of each case row, and one
    /// entry per attachment row with its blob, and per case's messages.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<string, string>>> RowsAsync(params string[] ids)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var complaints = _app.Storage.Table(StorageNames.ComplaintsTable);
        var container = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer);
        foreach (var id in ids)
        {
            rows[id] = Flatten((await complaints.GetEntityAsync<TableEntity>(ComplaintEntity.PartitionOf(id), ComplaintEntity.RowKeyOf(id))).Value);
            foreach (var file in await AttachmentsOfAsync(id))
            {
                var row = Flatten((await _app.Storage.Table(StorageNames.AttachmentsTable).GetEntityAsync<TableEntity>(AttachmentEntity.PartitionOf(file), file)).Value);
                row["blob"] = (await container.GetBlobClient(file).ExistsAsync()).Value.ToString();
                rows[$"attachment {file}"] = row;
            }

            var messages = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var message in _app.Storage.Table(StorageNames.MessagesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
            {
                messages[message.RowKey] = Convert.ToBase64String(message.GetBinary("Text"));
            }

            if (messages.Count > 0)
            {
                rows[$"messages of {id}"] = messages;
            }
        }

        return rows;
    }

    /// <summary>Each registration row of the workshop with its sealed attendee opened ("Attendee.phone", ...), and each guard row.</summary>
    private async Task<Dictionary<string, Dictionary<string, string>>> RegistrationRowsAsync(string workshop)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var pii = _app.Service<PiiProtector>();
        await foreach (var row in _app.Storage.Table(StorageNames.RegistrationsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshop}")))
        {
            if (row.RowKey.StartsWith("r-", StringComparison.Ordinal))
            {
                var flat = Flatten(row);
                flat.Remove("Attendee");
                if (row.GetBinary("Attendee") is { Length: > 0 } sealedAttendee)
                {
                    var attendee = JsonSerializer.SerializeToElement(pii.OpenJson<Attendee>(sealedAttendee, RegistrationCodes.AttendeeContext(workshop, row.RowKey[2..])), JsonDefaults.Options);
                    foreach (var field in attendee.EnumerateObject())
                    {
                        flat[$"Attendee.{field.Name}"] = field.Value.GetRawText();
                    }
                }
                else
                {
                    flat["Attendee"] = "(none)";
                }

                rows[row.RowKey] = flat;
            }
            else if (row.RowKey.StartsWith("g-", StringComparison.Ordinal) || row.RowKey == SeatLedger.Row)
            {
                rows[row.RowKey] = Flatten(row);
            }
        }

        // The registrant index: keyed hashes of each phone, email and national id, leading to a registration.
        var registrationRows = rows.Keys.Where(k => k.StartsWith("r-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        await foreach (var row in _app.Storage.Table(StorageNames.RegistrationCodesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {RegistrantIndex.Prefix} and PartitionKey lt {"who."}")))
        {
            if (registrationRows.Contains(row.RowKey))
            {
                rows[$"{row.PartitionKey}/{row.RowKey}"] = Flatten(row);
            }
        }

        return rows;
    }

    private async Task<List<JsonElement>> AttendeesAsync(string workshop) =>
        [.. (await (await _app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{workshop}/attendees?format=json", null, StaffRoles.WorkshopsManage, Region8)).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];

    private static Dictionary<string, string> Flatten(TableEntity row) =>
        row.Where(p => p.Key is not ("Timestamp" or "odata.etag"))
            .ToDictionary(p => p.Key, p => p.Value switch { byte[] bytes => Convert.ToBase64String(bytes), null => "null", var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)! }, StringComparer.Ordinal);

    /// <summary>
    /// Exactly <paramref name="expected"/> changed: "{row}.{property}" for a property added,
    /// removed or changed, "{row}" for a row that appeared or went.
    /// </summary>
    private static void AssertChanged(Dictionary<string, Dictionary<string, string>> before, Dictionary<string, Dictionary<string, string>> after, IEnumerable<string> expected)
    {
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in before.Keys.Union(after.Keys))
        {
            if (!before.TryGetValue(key, out var was) || !after.TryGetValue(key, out var now))
            {
                changed.Add(key);
                continue;
            }

            foreach (var property in was.Keys.Union(now.Keys).Where(p => was.GetValueOrDefault(p) != now.GetValueOrDefault(p)))
            {
                changed.Add(key.StartsWith("messages of ", StringComparison.Ordinal) ? key : $"{key}.{property}");
            }
        }

        Assert.Equal(string.Join('\n', expected.Order(StringComparer.Ordinal)), string.Join('\n', changed));
    }

    /// <summary>The year's national summary as compiled now, less the moment it was compiled: the programme's figures.</summary>
    private async Task<string> FiguresAsync(FiscalYear year)
    {
        var summary = await _app.Service<SummaryCompiler>().CompileAsync(year, CancellationToken.None);
        var csv = _app.Storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer);
        var complaints = (await csv.GetBlobClient(SummaryFiles.BlobName(year, SummaryFiles.ComplaintsCsv)).DownloadContentAsync()).Value.Content.ToString();
        var registrations = (await csv.GetBlobClient(SummaryFiles.BlobName(year, SummaryFiles.RegistrationsCsv)).DownloadContentAsync()).Value.Content.ToString();
        return JsonSerializer.Serialize(summary with { GeneratedAt = default }, JsonDefaults.Options) + "\n" + complaints + "\n" + registrations;
    }
}
