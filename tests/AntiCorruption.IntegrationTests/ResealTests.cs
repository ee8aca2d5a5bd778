using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The re-seal after a rotation of <c>Pii__Key</c> (<see cref="PersonalDataReseal"/>), each test on
/// an Azurite of its own (the job walks every table, and its status is one for the account).
/// Data of every sealed kind is laid down by the app under key A; the job runs with B current and
/// A previous; then the app with B and no previous key reads it all through its usual routes.
/// </summary>
public sealed class ResealTests : IAsyncLifetime
{
    private const string KeyA = TestKeys.PiiKey;
    private const string KeyB = TestKeys.OtherPiiKey;
    private static readonly string KeyC = Convert.ToBase64String("third-key-not-configured-32-byte"u8);
    private static readonly string IdA = PiiProtector.KeyIdOfKey(KeyA);
    private static readonly string IdB = PiiProtector.KeyIdOfKey(KeyB);

    private Azurite _azurite = null!;
    private StorageAccount _storage = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartNewAsync();
        _storage = _azurite.Account();
        await _storage.CreateMissingAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static PiiProtector Protector(string key, string previous = "") => new(TestKeys.Pii(key, previous));

    private PersonalDataReseal Job(TimeProvider clock, StorageAccount? storage = null, string key = KeyB, string previous = KeyA) =>
        new(storage ?? _storage, Protector(key, previous), RetentionSchedule.Load(RepoPaths.Seeds), clock, NullLogger<PersonalDataReseal>.Instance);

    private Task<AppHost> HostAsync(FakeLinePlatform line, string key, string previous = "") =>
        AppHost.StartAsync(
            _azurite.ConnectionString,
            ("Pii:Key", key),
            ("Pii:PreviousKeys", previous),
            ("Line:ApiBaseUrl", line.BaseUrl),
            ("Line:DataApiBaseUrl", line.BaseUrl),
            // The tests run the job themselves.
            ("AzureWebJobs:ResealPersonalData:Disabled", "true"));

    [Fact]
    public async Task Reseal_EverySealedKindUnderTheOldKey_EndsUnderTheNewOneAndOpensWithoutTheOldKey()
    {
        await using var line = await FakeLinePlatform.StartAsync();
        Seeded seeded;
        await using (var before = await HostAsync(line, KeyA))
        {
            seeded = await SeedEveryKindAsync(before, line);
        }

        // As it lies, dropping the old key would lose it.
        var reporter = (await _storage.Table(StorageNames.ComplaintsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ComplaintId eq {seeded.ComplaintId}")).SingleAsync()).GetBinary("Reporter");
        Assert.Equal(IdA, PiiProtector.KeyIdOf(reporter));
        Assert.ThrowsAny<CryptographicException>(() => Protector(KeyB).Open(reporter, ComplaintMessage.ReporterContext(seeded.ComplaintId)));
        var sealedBefore = await SealedValuesAsync();
        Assert.All(sealedBefore, v => Assert.Equal(IdA, v.KeyId));

        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var first = await Job(clock).RunAsync(CancellationToken.None);

        // Every value anywhere in storage is under B, and every kind the catalogue names was there to move.
        Assert.Equal(ResealState.PassFinished, first.State);
        var sealedAfter = await SealedValuesAsync();
        Assert.All(sealedAfter, v => Assert.Equal(IdB, v.KeyId));
        Assert.Equal(sealedBefore.Select(v => v.Where).Order(), sealedAfter.Select(v => v.Where).Order());
        Assert.All(SealedRecords.Tables.Select(t => t.Name).Concat(SealedRecords.PoisonQueues), source => Assert.Contains(sealedAfter, v => v.Source == source));
        Assert.False(await AnyBlobStartsWithKeyAsync(IdA));
        var pass = first.Status!.LastPass!;
        Assert.Equal((IdB, 1, (string?)null), (first.Status.KeyId, first.Status.Pass, first.Status.DoneKeyId));
        Assert.Equal((sealedBefore.Count, 0L, 0L, 0L, 0L), (pass.Resealed, pass.LeftTotal, pass.Changed, pass.Failed, pass.Expired));

        // The next run (an hour on) finds everything under B: it writes nothing and marks B done.
        var etags = await RowETagsAsync();
        var poison = await PoisonMessagesAsync();
        clock.Now += TimeSpan.FromHours(1);
        var second = await Job(clock).RunAsync(CancellationToken.None);

        Assert.Equal(ResealState.Done, second.State);
        Assert.Equal((0L, false, 2), (second.Status!.LastPass!.Resealed, second.Status.LastPass.Wrote, second.Status.Pass));
        Assert.Equal(etags, await RowETagsAsync());
        Assert.Equal(poison, await PoisonMessagesAsync());
        var metadata = await StatusMetadataAsync();
        Assert.Equal((IdB, clock.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "done"), (metadata["donekeyid"], metadata["doneat"], metadata["state"]));

        // Done is done: later runs read nothing and write nothing, not even the status.
        var statusETag = await StatusETagAsync();
        clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(ResealState.Done, (await Job(clock).RunAsync(CancellationToken.None)).State);
        Assert.Equal(statusETag, await StatusETagAsync());

        // The old key dropped: the app reads every kind through its own routes.
        await using var after = await HostAsync(line, KeyB);
        await AssertEveryKindReadsAsync(after, line, seeded);
    }

    /// <summary>
    /// A row written between the job's read and its write keeps what was written (the job's write is
    /// refused under the ETag it read), and the next pass moves what is still under the old key.
    /// </summary>
    [Fact]
    public async Task Reseal_RowsChangedBetweenReadAndWrite_KeepTheChangeAndTheNextPassMovesThem()
    {
        await using var line = await FakeLinePlatform.StartAsync();
        string complaintId;
        await using (var before = await HostAsync(line, KeyA))
        {
            complaintId = (await SubmitNamedComplaintAsync(before, "ผู้แจ้ง ระหว่างเขียน")).Id;
        }

        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var conversations = new LineConversationStore(_storage, new KeyedHasher(TestKeys.Pii()), Protector(KeyA), clock);
        var userKey = conversations.UserKey("U-changing-meanwhile");
        await conversations.SaveAsync(userKey, new LineConversation { Flow = "tip", Step = "description", Description = "เรื่องที่พิมพ์ไว้ก่อน" }, CancellationToken.None);

        // Between the job's read and its write: the user's next message (the app, now on key B) and an officer taking the case.
        var app = new LineConversationStore(_storage, new KeyedHasher(TestKeys.Pii()), Protector(KeyB, KeyA), clock);
        var work = new ComplaintWork(new ComplaintStore(_storage), clock);
        var meanwhile = new Dictionary<string, Func<Task>>
        {
            [StorageNames.LineConversationsTable] = () => app.SaveAsync(userKey, new LineConversation { Flow = "tip", Step = "photos", Description = "เรื่องที่พิมพ์ต่อหลังจากนั้น" }, CancellationToken.None),
            [StorageNames.ComplaintsTable] = () => work.UpdateAsync(complaintId, c => { c.Assignee = "officer-meanwhile"; return true; }, CancellationToken.None),
        };
        var interleaved = StorageWith(new BeforeRowWrite(async table =>
        {
            if (meanwhile.Remove(table, out var change))
            {
                await change();
            }
        }));

        var first = await Job(clock, interleaved).RunAsync(CancellationToken.None);

        Assert.Empty(meanwhile);
        Assert.Equal(2, first.Status!.LastPass!.Changed);
        var state = await new LineConversationStore(_storage, new KeyedHasher(TestKeys.Pii()), Protector(KeyB), clock).LoadAsync(userKey, CancellationToken.None);
        Assert.Equal(("photos", "เรื่องที่พิมพ์ต่อหลังจากนั้น"), (state.Step, state.Description));
        var complaint = (await new ComplaintStore(_storage).GetAsync(complaintId, CancellationToken.None))!;
        Assert.Equal("officer-meanwhile", complaint.Assignee);
        Assert.Equal(IdA, PiiProtector.KeyIdOf(complaint.Reporter));

        // The next pass moves the complaint (keeping its officer), and the one after is clean.
        clock.Now += TimeSpan.FromHours(1);
        var second = await Job(clock).RunAsync(CancellationToken.None);
        clock.Now += TimeSpan.FromHours(1);
        var third = await Job(clock).RunAsync(CancellationToken.None);

        Assert.Equal((ResealState.PassFinished, 3L, 0L), (second.State, second.Status!.LastPass!.Resealed, second.Status.LastPass.Changed));
        Assert.Equal(ResealState.Done, third.State);
        complaint = (await new ComplaintStore(_storage).GetAsync(complaintId, CancellationToken.None))!;
        Assert.Equal("officer-meanwhile", complaint.Assignee);
        Assert.Equal("ผู้แจ้ง ระหว่างเขียน", Protector(KeyB).OpenJson<ReporterDetails>(complaint.Reporter, ComplaintMessage.ReporterContext(complaintId)).Name);
    }

    /// <summary>
    /// Runs that die at a row write (the request never made) or stop at their budget: every record
    /// opens at every point with the keys the app has during the rotation, and later runs finish.
    /// </summary>
    [Fact]
    public async Task Reseal_RunsKilledMidwayOrOutOfBudget_EveryRecordStillOpensAndLaterRunsFinish()
    {
        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var (complaints, users) = await SeedNotesAndConversationsAsync(Protector(KeyA), clock, cases: 6, notesPerCase: 5, users: 8);

        // Killed at the 5th row write of the first run (that write and every one after it never
        // made), then at the 3rd of the second.
        foreach (var killAt in new[] { 5, 3 })
        {
            var writes = 0;
            var crashing = StorageWith(new BeforeRowWrite(_ => ++writes >= killAt ? throw new SimulatedCrash() : Task.CompletedTask));
            await Assert.ThrowsAsync<SimulatedCrash>(() => Job(clock, crashing).RunAsync(CancellationToken.None));
            await AssertAllOpenAsync(Protector(KeyB, KeyA), clock, complaints, users, notesPerCase: 5);
        }

        var values = await SealedValuesAsync();
        Assert.Contains(values, v => v.KeyId == IdA);
        Assert.Contains(values, v => v.KeyId == IdB);

        // Then runs of 7 rows each: the pass is carried from run to run until one finishes clean.
        var outcomes = new List<ResealState>();
        for (var run = 0; run < 50 && outcomes.LastOrDefault() != ResealState.Done; run++)
        {
            clock.Now += TimeSpan.FromHours(1);
            outcomes.Add((await Job(clock).RunAsync(new ResealBudget(TimeSpan.FromMinutes(3), 7), CancellationToken.None)).State);
            await AssertAllOpenAsync(Protector(KeyB, KeyA), clock, complaints, users, notesPerCase: 5);
        }

        // 6 x 5 notes and 8 conversations: 38 rows, 6 runs a pass; the first pass (already begun by
        // the killed runs) moves the rest, the second is clean.
        Assert.Equal(ResealState.Done, outcomes[^1]);
        Assert.Contains(ResealState.Resealing, outcomes);
        Assert.Equal(1, outcomes.Count(o => o == ResealState.PassFinished));
        Assert.All(await SealedValuesAsync(), v => Assert.Equal(IdB, v.KeyId));
        await AssertAllOpenAsync(Protector(KeyB), clock, complaints, users, notesPerCase: 5);
    }

    [Fact]
    public async Task Reseal_WorkingRecordPastItsLifetime_IsDeletedAsThePurgeWouldRatherThanGivenANewLife()
    {
        var clock = new FixedTime(DateTimeOffset.UtcNow);
        var hasher = new KeyedHasher(TestKeys.Pii());
        var receipt = new ComplaintReceipt("TC-EXAMPLE", ComplaintStatus.Received, clock.Now, 8, clock.Now, clock.Now);
        await new IdempotencyStore(_storage, hasher, Protector(KeyA)).ClaimAsync("retry-key-older-than-an-hour", [1, 2, 3], receipt, "01M8C4FBKCA0V8FTDZHH6R0W7N", CancellationToken.None);
        var conversations = new LineConversationStore(_storage, hasher, Protector(KeyA), clock);
        await conversations.SaveAsync(conversations.UserKey("U-two-hours"), new LineConversation { Flow = "tip", Step = "category" }, CancellationToken.None);

        // Two hours on: the idempotency answer (an hour's life) is past it; the conversation (a day's) is not.
        clock.Now += TimeSpan.FromHours(2);
        var first = await Job(clock).RunAsync(CancellationToken.None);

        Assert.Equal((1L, 1L), (first.Status!.LastPass!.Expired, first.Status.LastPass.Resealed));
        Assert.Null(await new IdempotencyStore(_storage, hasher, Protector(KeyB)).FindAsync("retry-key-older-than-an-hour", [1, 2, 3], CancellationToken.None));
        Assert.Equal("category", (await new LineConversationStore(_storage, hasher, Protector(KeyB), clock).LoadAsync(conversations.UserKey("U-two-hours"), CancellationToken.None)).Step);
    }

    /// <summary>A value no configured key opens keeps the rotation from being called done, and is named by its key id; without previous keys the job does nothing.</summary>
    [Fact]
    public async Task Reseal_ValueUnderAKeyNotConfigured_IsLeftNamedAndTheRotationIsNeverDone()
    {
        var clock = new FixedTime(DateTimeOffset.UtcNow);
        await new InternalNotes(_storage, Protector(KeyA), clock).AddAsync("01M8C4FBKCA0V8FTDZHH6R0W7N", "officer", "บันทึกใต้กุญแจเดิม", CancellationToken.None);
        await new InternalNotes(_storage, Protector(KeyC), clock).AddAsync("01M8C4FBKCA0V8FTDZHH6R0W7P", "officer", "บันทึกใต้กุญแจที่ไม่มีแล้ว", CancellationToken.None);

        Assert.Equal(ResealState.NoPreviousKeys, (await Job(clock, previous: "none").RunAsync(CancellationToken.None)).State);
        Assert.Null(await StatusETagAsync());

        var outcomes = new List<ResealOutcome>();
        for (var run = 0; run < 4; run++)
        {
            outcomes.Add(await Job(clock).RunAsync(CancellationToken.None));
            clock.Now += TimeSpan.FromHours(1);
        }

        Assert.All(outcomes, o => Assert.Equal(ResealState.PassFinished, o.State));
        Assert.Equal((1L, 0L), (outcomes[0].Status!.LastPass!.Resealed, outcomes[^1].Status!.LastPass!.Resealed));
        Assert.Equal(new Dictionary<string, long> { [PiiProtector.KeyIdOfKey(KeyC)] = 1 }, outcomes[^1].Status!.LastPass!.Left);
        Assert.Null(outcomes[^1].Status!.DoneKeyId);
        Assert.False((await StatusMetadataAsync()).ContainsKey("donekeyid"));
    }

    // ---- seeding and reading through the app ----

    private const string OfficerId = "officer-reseal";

    private sealed record Seeded(
        string ComplaintId, string TrackingCode, object Complaint, string ComplaintKey, string ReporterName,
        string Marker, string AttachmentId, string AttachmentSha256,
        string WorkshopId, object Registration, string RegistrationKey, string ConfirmationCode,
        string LineUser, string LineReplyToken, string PoisonComplaintId, string PoisonReporterName);

    private static async Task<Seeded> SeedEveryKindAsync(AppHost app, FakeLinePlatform line)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];

        // A named complaint with a photo, under an Idempotency-Key (complaints, attachments, idempotency).
        var uploaded = await app.UploadRawAsync(Evidence.Jpeg, "photo.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var file = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var attachmentId = file.GetProperty("attachmentId").GetString()!;
        var (id, code, complaint, complaintKey, reporterName) = await SubmitNamedComplaintAsync(app, $"สมหญิง ผู้แจ้ง{marker}", marker, attachmentId);

        // Staff and reporter at work on it (complainthistory, complaintnotes, complaintmessages).
        await AssertOkAsync(app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "under_review", note = $"รับไว้ตรวจสอบ {marker}", @public = true }, StaffRoles.ComplaintsManage));
        await AssertOkAsync(app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/notes", new { text = $"บันทึกภายใน {marker}" }, StaffRoles.ComplaintsManage));
        await AssertOkAsync(app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = $"ขอสำเนาใบเสร็จ {marker}" }, StaffRoles.ComplaintsManage));
        await AssertOkAsync(app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = $"ส่งใบเสร็จแล้ว {marker}" }));
        // An officer taking the case: their sign-in address, sealed (staffdirectory).
        var officer = StaffAuthenticator.IssueLocalToken(TestKeys.StaffAuth(), OfficerId, [StaffRoles.ComplaintsManage, StaffRoles.AllRegions], email: $"officer.{marker}@pacc.example");
        await AssertOkAsync(app.StaffWithTokenAsync(HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" }, officer));

        // A workshop registration with a national id, under an Idempotency-Key (registrations).
        var workshop = await TestWorkshops.CreateAsync(app.Client, capacity: 10);
        var registration = new { fullName = $"สมศรี มีสุข{marker}", province = "TH-81", email = $"s.{marker}@example.go.th", phone = "081 111 2222", nationalId = "1101700230708", consent = true };
        var registrationKey = Guid.NewGuid().ToString("N");
        var registered = await app.PostJsonAsync($"api/workshops/{workshop}/registrations", registration, idempotencyKey: registrationKey);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var confirmation = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        await Eventually.GetAsync(
            async () => (await TestWorkshops.LookupAsync(app.Client, confirmation)).GetProperty("status").GetString() == "confirmed" ? "yes" : null,
            TimeSpan.FromSeconds(15),
            "the seat decided");

        // A LINE user starting a tip whose reply never gets through: the conversation
        // (lineconversations), the answer kept with the event (lineevents), and the event itself,
        // after five tries, in line-events-poison.
        var user = "U" + Guid.NewGuid().ToString("N");
        var replyToken = Guid.NewGuid().ToString("N");
        line.FailNextReplies(1_000);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(app, LineEvent(user, new { type = "text", id = "m1", text = "แจ้งเบาะแส" }, replyToken))).StatusCode);
        await Eventually.GetAsync(
            async () => (await app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.LineEventsQueue)).PeekMessagesAsync(1)).Value.Length > 0 ? "yes" : null,
            TimeSpan.FromSeconds(30),
            "the LINE event in its poison queue");
        line.FailNextReplies(0);

        // A complaint message that failed for good (complaints-poison), sealed as intake seals it.
        var pii = app.Service<PiiProtector>();
        var now = DateTimeOffset.UtcNow;
        var poisonId = ComplaintIds.New(now);
        var poisonReporter = $"ผู้แจ้ง คิวพิษ{marker}";
        var message = new ComplaintMessage(
            ComplaintMessage.CurrentVersion, poisonId, app.Service<TrackingCodes>().Hash(app.Service<TrackingCodes>().New()), now, ComplaintChannel.Web,
            "bribery", "TH-80", 8, "อบต. คิวพิษ", null, null, Anonymous: false, Consent: true, [],
            pii.SealJson(new CaseDetails(null, $"เรื่องที่ค้างในคิวพิษ {marker}", null, null, null), ComplaintMessage.DetailsContext(poisonId)),
            pii.SealJson(new ReporterDetails(poisonReporter, "0891112222", null, null), ComplaintMessage.ReporterContext(poisonId)));
        await app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue)).SendMessageAsync(ComplaintQueueWriter.Serialize(message));

        return new Seeded(
            id, code, complaint, complaintKey, reporterName, marker, attachmentId, file.GetProperty("sha256").GetString()!,
            workshop, registration, registrationKey, confirmation, user, replyToken, poisonId, poisonReporter);
    }

    private static async Task AssertEveryKindReadsAsync(AppHost app, FakeLinePlatform line, Seeded seeded)
    {
        var marker = seeded.Marker;

        // The officer's address, for mail about the case.
        Assert.Equal($"officer.{marker}@pacc.example", await app.Service<AntiCorruption.Core.Notifications.StaffDirectory>().AddressOfAsync(OfficerId, CancellationToken.None));

        // The reporter's identity, the case with its history, notes and conversation, the photo.
        var identity = await ReadJsonAsync(app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{seeded.ComplaintId}/identity", new { reason = "ติดต่อผู้แจ้งหลังเปลี่ยนกุญแจเข้ารหัส" }, StaffRoles.ComplaintsIdentity));
        Assert.Equal(seeded.ReporterName, identity.GetProperty("reporter").GetProperty("name").GetString());
        var view = (await ReadJsonAsync(app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{seeded.ComplaintId}", null, StaffRoles.ComplaintsRead))).GetRawText();
        foreach (var text in new[] { $"ปลัดเรียกรับเงินเพื่อออกใบอนุญาต {marker}", $"รับไว้ตรวจสอบ {marker}", $"บันทึกภายใน {marker}", $"ขอสำเนาใบเสร็จ {marker}", $"ส่งใบเสร็จแล้ว {marker}" })
        {
            Assert.Contains(text, JsonSerializer.Deserialize<JsonElement>(view).ToString(), StringComparison.Ordinal);
        }

        var photo = await app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{seeded.ComplaintId}/attachments/{seeded.AttachmentId}", null, StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(seeded.AttachmentSha256, Convert.ToHexStringLower(SHA256.HashData(await photo.Content.ReadAsByteArrayAsync())));

        // The retry of the first submission gets its answer back (the idempotency row's sealed receipt).
        var retried = await app.PostJsonAsync("api/complaints", seeded.Complaint, idempotencyKey: seeded.ComplaintKey);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(seeded.TrackingCode, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());

        // The attendee's name at the door, and the registration's own retry (the sealed code).
        var attendees = (await ReadJsonAsync(app.StaffAsync(HttpMethod.Get, $"api/staff/workshops/{seeded.WorkshopId}/attendees?format=json", null, StaffRoles.WorkshopsManage))).ToString();
        Assert.Contains($"สมศรี มีสุข{marker}", attendees, StringComparison.Ordinal);
        var registeredAgain = await app.PostJsonAsync($"api/workshops/{seeded.WorkshopId}/registrations", seeded.Registration, idempotencyKey: seeded.RegistrationKey);
        Assert.Equal(HttpStatusCode.Accepted, registeredAgain.StatusCode);
        Assert.Equal(seeded.ConfirmationCode, (await registeredAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString());

        // The LINE user carries on where they were (the category question was asked).
        var tapToken = Guid.NewGuid().ToString("N");
        await DeliverAsync(app, LineEvent(seeded.LineUser, null, tapToken, postback: "cat:bribery"));
        var reply = await ReplyAsync(line, tapToken);
        Assert.DoesNotContain("ไม่เข้าใจ", reply, StringComparison.Ordinal);

        // Both poison messages, put back on their queues, go through: the kept LINE answer is sent
        // with its reply token, and the complaint is stored and its reporter opens.
        await ReplayPoisonAsync(app, StorageNames.LineEventsQueue);
        Assert.Contains("text", await ReplyAsync(line, seeded.LineReplyToken), StringComparison.Ordinal);
        await ReplayPoisonAsync(app, StorageNames.ComplaintsQueue);
        await Eventually.GetAsync(() => app.Service<ComplaintStore>().GetAsync(seeded.PoisonComplaintId, CancellationToken.None), TimeSpan.FromSeconds(15), "the replayed complaint stored");
        var poisonIdentity = await ReadJsonAsync(app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{seeded.PoisonComplaintId}/identity", new { reason = "ติดต่อผู้แจ้งหลังเปลี่ยนกุญแจเข้ารหัส" }, StaffRoles.ComplaintsIdentity));
        Assert.Equal(seeded.PoisonReporterName, poisonIdentity.GetProperty("reporter").GetProperty("name").GetString());
    }

    private static async Task<(string Id, string Code, object Body, string Key, string Name)> SubmitNamedComplaintAsync(AppHost app, string name, string marker = "", params string[] attachmentIds)
    {
        var body = new
        {
            category = "bribery", province = "TH-80", agency = "อบต. ทดสอบกุญแจ",
            description = $"ปลัดเรียกรับเงินเพื่อออกใบอนุญาต {marker}", anonymous = false, consent = true,
            reporter = new { name, phone = "089 765 4321", email = "reporter@example.com" },
            attachmentIds,
        };
        var key = Guid.NewGuid().ToString("N");
        var response = await app.PostJsonAsync("api/complaints", body, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored")).ComplaintId;
        return (id, code, body, key, name);
    }

    private static async Task AssertOkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> ReadJsonAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, object?> LineEvent(string user, object? message, string replyToken, string? postback = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["type"] = postback is null ? "message" : "postback",
            ["mode"] = "active",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["source"] = new { type = "user", userId = user },
            ["webhookEventId"] = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant(),
            ["deliveryContext"] = new { isRedelivery = false },
            ["replyToken"] = replyToken,
        };
        if (message is not null)
        {
            e["message"] = message;
        }

        if (postback is not null)
        {
            e["postback"] = new { data = postback };
        }

        return e;
    }

    private static async Task<HttpResponseMessage> DeliverAsync(AppHost app, Dictionary<string, object?> e)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { destination = "Ubot", events = new[] { e } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/line/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-line-signature", LineSignature.Sign(TestKeys.LineChannelSecret, body));
        return await app.Client.SendAsync(request);
    }

    private static Task<string> ReplyAsync(FakeLinePlatform line, string replyToken) =>
        Eventually.GetAsync(
            () => Task.FromResult(line.Received.Where(r => r.Kind == "reply" && r.Body.GetProperty("replyToken").GetString() == replyToken).Select(r => r.Body.GetProperty("messages").ToString()).FirstOrDefault()),
            TimeSpan.FromSeconds(30),
            "the bot's reply");

    /// <summary>What an operator does with a poison queue once the cause is fixed: each message back on its queue.</summary>
    private static async Task ReplayPoisonAsync(AppHost app, string queue)
    {
        var poison = app.Storage.Queue(StorageNames.PoisonQueueOf(queue));
        foreach (var message in (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
        {
            await app.Storage.Queue(queue).SendMessageAsync(message.Body.ToString());
            await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private async Task<(string[] Complaints, string[] Users)> SeedNotesAndConversationsAsync(PiiProtector pii, TimeProvider clock, int cases, int notesPerCase, int users)
    {
        var notes = new InternalNotes(_storage, pii, clock);
        var complaints = Enumerable.Range(0, cases).Select(_ => ComplaintIds.New(clock.GetUtcNow())).ToArray();
        foreach (var complaint in complaints)
        {
            for (var n = 0; n < notesPerCase; n++)
            {
                await notes.AddAsync(complaint, "officer", $"บันทึก {n} ของ {complaint}", CancellationToken.None);
            }
        }

        var conversations = new LineConversationStore(_storage, new KeyedHasher(TestKeys.Pii()), pii, clock);
        var userIds = Enumerable.Range(0, users).Select(u => $"U-crash-{u}").ToArray();
        foreach (var user in userIds)
        {
            await conversations.SaveAsync(conversations.UserKey(user), new LineConversation { Flow = "tip", Step = "description", Description = $"ข้อความของ {user}" }, CancellationToken.None);
        }

        return (complaints, userIds);
    }

    private async Task AssertAllOpenAsync(PiiProtector pii, TimeProvider clock, string[] complaints, string[] users, int notesPerCase)
    {
        foreach (var complaint in complaints)
        {
            var notes = await new InternalNotes(_storage, pii, clock).ReadAsync(complaint, CancellationToken.None);
            // One tick on the test's clock: in any order.
            Assert.Equal(Enumerable.Range(0, notesPerCase).Select(n => $"บันทึก {n} ของ {complaint}"), notes.Select(n => n.Text).Order(StringComparer.Ordinal));
        }

        var conversations = new LineConversationStore(_storage, new KeyedHasher(TestKeys.Pii()), pii, clock);
        foreach (var user in users)
        {
            Assert.Equal($"ข้อความของ {user}", (await conversations.LoadAsync(conversations.UserKey(user), CancellationToken.None)).Description);
        }
    }

    // ---- looking at storage directly ----

    /// <summary>Every value in storage that names a key as a sealed value does: every binary property of every row of every table, and every message of every queue (its text, or base64 strings inside its JSON).</summary>
    private async Task<List<SealedValue>> SealedValuesAsync()
    {
        var found = new List<SealedValue>();
        await foreach (var table in _storage.Tables.QueryAsync())
        {
            await foreach (var row in _storage.Table(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (property, value) in row)
                {
                    if (value is byte[] bytes && PiiProtector.KeyIdOf(bytes) is { } keyId)
                    {
                        found.Add(new SealedValue(table.Name, $"{table.Name}/{row.PartitionKey}/{row.RowKey}/{property}", keyId));
                    }
                }
            }
        }

        await foreach (var queue in _storage.Queues.GetQueuesAsync())
        {
            var n = 0;
            foreach (var message in (await _storage.Queue(queue.Name).PeekMessagesAsync(32)).Value)
            {
                foreach (var keyId in KeyIdsIn(message.Body.ToString()))
                {
                    found.Add(new SealedValue(queue.Name, $"{queue.Name}/{message.MessageId}/{n++}", keyId));
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> KeyIdsIn(string text)
    {
        if (FromBase64(text) is { } whole && PiiProtector.KeyIdOf(whole) is { } id)
        {
            return [id];
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Strings(document.RootElement).Select(FromBase64).OfType<byte[]>().Select(b => PiiProtector.KeyIdOf(b)).OfType<string>().ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)).ToArray(),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings).ToArray(),
        _ => [],
    };

    private static byte[]? FromBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }

    private async Task<bool> AnyBlobStartsWithKeyAsync(string keyId)
    {
        var header = Convert.FromHexString("01" + keyId);
        await foreach (var container in _storage.Blobs.GetBlobContainersAsync())
        {
            var client = _storage.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                if (content.AsSpan().StartsWith(header))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task<Dictionary<string, ETag>> RowETagsAsync()
    {
        var etags = new Dictionary<string, ETag>();
        await foreach (var table in _storage.Tables.QueryAsync())
        {
            await foreach (var row in _storage.Table(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                etags[$"{table.Name}/{row.PartitionKey}/{row.RowKey}"] = row.ETag;
            }
        }

        return etags;
    }

    private async Task<List<string>> PoisonMessagesAsync()
    {
        var messages = new List<string>();
        foreach (var queue in SealedRecords.PoisonQueues)
        {
            messages.AddRange((await _storage.Queue(queue).PeekMessagesAsync(32)).Value.Select(m => $"{m.MessageId} {m.Body}"));
        }

        return messages;
    }

    private Azure.Storage.Blobs.BlobClient StatusBlob =>
        _storage.Blobs.GetBlobContainerClient(ResealStatusStore.ContainerName).GetBlobClient(ResealStatusStore.BlobName);

    private async Task<IDictionary<string, string>> StatusMetadataAsync() => (await StatusBlob.GetPropertiesAsync()).Value.Metadata;

    private async Task<ETag?> StatusETagAsync() => (await StatusBlob.ExistsAsync()).Value ? (await StatusBlob.GetPropertiesAsync()).Value.ETag : null;

    /// <summary>This Azurite with a policy on its table requests (queues and blobs as usual).</summary>
    private StorageAccount StorageWith(HttpPipelinePolicy tablePolicy)
    {
        var options = new TableClientOptions();
        options.AddPolicy(tablePolicy, HttpPipelinePosition.PerCall);
        return new StorageAccount(new TableServiceClient(_azurite.ConnectionString, options), _storage.Queues, _storage.Blobs);
    }

    private sealed record SealedValue(string Source, string Where, string KeyId);

    /// <summary>Runs <c>before(table)</c> ahead of every row update or delete (a PATCH, PUT or DELETE of one entity), then sends it.</summary>
    private sealed class BeforeRowWrite(Func<string, Task> before) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var request = message.Request;
            var path = request.Uri.Path;
            if ((request.Method == RequestMethod.Patch || request.Method == RequestMethod.Put || request.Method == RequestMethod.Delete) && path.EndsWith(')'))
            {
                var table = path[(path.LastIndexOf('/') + 1)..path.IndexOf('(', StringComparison.Ordinal)];
                await before(table);
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();
    }

    /// <summary>The process dying at this point: nothing after it happens.</summary>
    private sealed class SimulatedCrash : Exception
    {
    }
}
