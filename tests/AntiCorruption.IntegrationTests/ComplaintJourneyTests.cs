using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class ComplaintJourneyTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static object AnonymousTip(string description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร") => new
    {
        category = "bribery",
        province = "TH-80",
        agency = "อบต. ท่าศาลา",
        description,
        anonymous = true,
    };

    private async Task<JsonElement> StatusAsync(string code)
    {
        var response = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<JsonElement> RegisteredAsync(string code) =>
        Eventually.GetAsync<JsonElement?>(
            async () => await StatusAsync(code) is var s && s.GetProperty("status").GetString() == "registered" ? s : null,
            TimeSpan.FromSeconds(15),
            "the complaint to be registered").ContinueWith(t => t.Result!.Value, TaskScheduler.Default);

    [Fact]
    public async Task Health_StorageUp_IsHealthy()
    {
        var response = await _app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(["blobs", "queues", "tables"], body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Submit_AnonymousTip_IsRegisteredWithinSeconds()
    {
        var response = await _app.PostJsonAsync("api/complaints", AnonymousTip());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("received", receipt.GetProperty("status").GetString());
        Assert.Equal(8, receipt.GetProperty("region").GetInt32());
        var receivedOn = Day(receipt, "receivedAt");
        // The host runs on the real clock; the rules hold at any hour (ComplaintDeadlinesTests and
        // SubmitComplaintTests check them on fixed clocks, at the instants where calendars differ).
        Assert.Equal(receivedOn.AddDays(7), Day(receipt, "acknowledgeBy"));
        Assert.Equal(receivedOn.AddMonths(3), Day(receipt, "feedbackDueBy"));

        var status = await RegisteredAsync(receipt.GetProperty("trackingCode").GetString()!);

        Assert.Equal(8, status.GetProperty("region").GetInt32());
        Assert.Equal(receivedOn, Day(status, "receivedAt"));
        Assert.Equal(["received", "registered"], status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.Empty(status.GetProperty("messages").EnumerateArray());
    }

    private static DateOnly Day(JsonElement element, string name) =>
        DateOnly.ParseExact(element.GetProperty(name).GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The reporter is outside staff: what they are shown (the receipt, the status view, the
    /// answer to their message) may be seen on their screen or kept in their browser at the office
    /// whose proxy logs the visit. Every time in it is the Bangkok day of the stored instant, and
    /// none of it holds a time of day or an id that tells one.
    /// </summary>
    [Fact]
    public async Task Reporter_ReceiptStatusAndMessages_TellTheDayNeverTheTime()
    {
        var response = await _app.PostJsonAsync("api/complaints", AnonymousTip());
        var receiptText = await response.Content.ReadAsStringAsync();
        var receipt = JsonDocument.Parse(receiptText).RootElement;
        var code = receipt.GetProperty("trackingCode").GetString()!;
        await RegisteredAsync(code);
        var stored = Assert.Single(await _app.ComplaintsWithCodeAsync(code));
        var sent = await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = "มีเอกสารเพิ่มเติมจะส่งให้ภายหลัง" });
        var sentText = await sent.Content.ReadAsStringAsync();
        var statusText = await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadAsStringAsync();
        var status = JsonDocument.Parse(statusText).RootElement;

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(Bangkok.DateOf(stored.ReceivedAt), Day(receipt, "receivedAt"));
        Assert.Equal(Bangkok.DateOf(stored.AcknowledgeBy), Day(receipt, "acknowledgeBy"));
        Assert.Equal(Bangkok.DateOf(stored.FeedbackDueBy), Day(receipt, "feedbackDueBy"));
        Assert.Equal(Bangkok.DateOf(stored.ReceivedAt), Day(status, "receivedAt"));
        var updated = Assert.Single(await _app.ComplaintsWithCodeAsync(code)).UpdatedAt;
        Assert.Equal(Bangkok.DateOf(updated), Day(status, "updatedAt"));
        Assert.All(status.GetProperty("history").EnumerateArray(), h => Day(h, "at"));
        Assert.Equal(Day(JsonDocument.Parse(sentText).RootElement, "at"), Day(Assert.Single(status.GetProperty("messages").EnumerateArray()), "at"));
        foreach (var text in new[] { receiptText, statusText, sentText })
        {
            Assert.Empty(TimeTraces.ClockTimes(text));
            Assert.Empty(TimeTraces.TimedIds(text));
        }
    }

    [Fact]
    public async Task Submit_NamedReporter_NothingPersonalReadableInStorageOrLogs()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var name = $"ชื่อลับ{marker}";
        var email = $"secret.{marker}@example.com";
        var description = $"รายละเอียดลับ {marker} ผู้ใหญ่บ้านยักยอกเงินกองทุนหมู่บ้าน";
        var lineUserId = "U" + Guid.NewGuid().ToString("N");
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "embezzlement",
            province = "TH-10",
            agency = "สำนักงานเขตบางรัก",
            accusedName = $"ผู้ถูกกล่าวหา{marker}",
            description,
            anonymous = false,
            consent = true,
            reporter = new { name, phone = "089 765 4321", email, lineUserId },
            attachmentIds = new[] { await _app.UploadAsync(Evidence.Jpeg, $"{name}.jpg") },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await RegisteredAsync(code);

        var secrets = new[] { name, email, "0897654321", "089 765 4321", lineUserId, marker, code, code.Replace("-", "", StringComparison.Ordinal) };
        var storageText = await StorageText.AllAsync(_app.Storage);
        var logText = _app.Logs.All;
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, storageText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logText, StringComparison.OrdinalIgnoreCase);
        }

        // ...and yet the reporter's details are there for staff, sealed.
        var stored = Assert.Single(await _app.ComplaintsWithCodeAsync(code));
        var reporter = _app.Service<AntiCorruption.Core.Privacy.PiiProtector>().OpenJson<ReporterDetails>(stored.Reporter, ComplaintMessage.ReporterContext(stored.ComplaintId));
        Assert.Equal(new ReporterDetails(name, "0897654321", email, lineUserId), reporter);
        Assert.False(stored.Anonymous);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKeyTwice_AnswersTheSameAndStoresOnce()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _app.PostJsonAsync("api/complaints", AnonymousTip(), idempotencyKey: key);
        var second = await _app.PostJsonAsync("api/complaints", AnonymousTip(), idempotencyKey: key);
        var firstBody = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());

        var code = JsonDocument.Parse(firstBody).RootElement.GetProperty("trackingCode").GetString()!;
        await RegisteredAsync(code);
        await Task.Delay(1500); // room for the retry's message to be processed too
        Assert.Single(await _app.ComplaintsWithCodeAsync(code));
    }

    [Fact]
    public async Task Submit_IdempotencyKeyReusedWithOtherBody_Is422()
    {
        var key = Guid.NewGuid().ToString();
        await _app.PostJsonAsync("api/complaints", AnonymousTip(), idempotencyKey: key);

        var response = await _app.PostJsonAsync("api/complaints", AnonymousTip("เรื่องอื่นที่ไม่เกี่ยวข้องกับเรื่องแรกเลยแม้แต่น้อย"), language: "en", idempotencyKey: key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
    }

    [Fact]
    public async Task Submit_LongestThaiComplaint_FitsTheQueueAndIsStored()
    {
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "procurement",
            province = "TH-81",
            agency = new string('ฎ', ComplaintLimits.Agency),
            subject = new string('ฎ', ComplaintLimits.ShortText),
            accusedName = new string('ฎ', ComplaintLimits.ShortText),
            accusedPosition = new string('ฎ', ComplaintLimits.ShortText),
            description = new string('ฎ', ComplaintLimits.DescriptionMax),
            anonymous = false,
            consent = true,
            reporter = new { name = new string('ฎ', ComplaintLimits.ShortText), phone = "0812345678", email = "a@example.com" },
            attachmentIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _app.UploadAsync(Evidence.Png))),
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await RegisteredAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
    }

    [Fact]
    public async Task Submit_TextAsPeopleSeeIt_EmojiFitInvisibleTextFailsFormattingIsRemoved()
    {
        // 5,001 emoji: 5,001 characters seen, under the 10,000 limit, and they fit the queue.
        var emoji = await _app.PostJsonAsync("api/complaints", AnonymousTip(string.Concat(Enumerable.Repeat("😡", 5_001))));
        Assert.Equal(HttpStatusCode.Accepted, emoji.StatusCode);
        await RegisteredAsync((await emoji.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);

        // Thirty zero-width spaces and a word show five characters, not the twenty a description needs.
        var invisible = await _app.PostJsonAsync("api/complaints", AnonymousTip(new string('​', 30) + "โกงเงิน"), language: "en");
        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        Assert.Equal(["description"], (await invisible.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // A direction override in the agency would show staff another name: it is not stored.
        var marker = Guid.NewGuid().ToString("N")[..6];
        var overridden = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = $"อบต.‮ {marker}‬", description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร", anonymous = true });
        Assert.Equal(HttpStatusCode.Accepted, overridden.StatusCode);
        var code = (await overridden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var stored = await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(15), "the complaint stored");
        Assert.Equal($"อบต. {marker}", stored.Agency);

        // Marks stacked past what any writing uses are refused.
        var zalgo = await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต. ท" + new string('้', 6), description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร", anonymous = true });
        Assert.Equal(["agency"], (await zalgo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Process_SameMessageTwice_StoresOneComplaintAndKeepsLaterChanges()
    {
        var codes = _app.Service<TrackingCodes>();
        var pii = _app.Service<AntiCorruption.Core.Privacy.PiiProtector>();
        var code = codes.New();
        var receivedAt = DateTimeOffset.UtcNow;
        var id = ComplaintIds.New(receivedAt);
        var message = ComplaintQueueWriter.Serialize(new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, codes.Hash(code), receivedAt, ComplaintChannel.Web, "other", "TH-50", 5, "เทศบาลนครเชียงใหม่",
            null, null, true, false, [], pii.SealJson(new CaseDetails(null, "รายละเอียดเรื่องสำหรับทดสอบการส่งซ้ำ", null, null, null), ComplaintMessage.DetailsContext(id)), null));
        var queue = _app.Storage.Queue(StorageNames.ComplaintsQueue);
        var table = _app.Storage.Table(StorageNames.ComplaintsTable);
        var partition = ComplaintEntity.PartitionOf(id);
        var rowKey = ComplaintEntity.RowKeyOf(id);

        await queue.SendMessageAsync(message);
        var stored = await Eventually.GetAsync(
            async () => await table.GetEntityIfExistsAsync<ComplaintEntity>(partition, rowKey) is { HasValue: true } found ? found.Value : null,
            TimeSpan.FromSeconds(30),
            "the first delivery");
        // Staff move the case on; then the same message arrives again.
        stored.Status = "under_review";
        await table.UpdateEntityAsync(stored, stored.ETag);
        // The log line names no complaint (it would tell when the case came): one more in its partition.
        var redelivered = $"A complaint in partition {partition} was already stored";
        var before = _app.Logs.Lines.Count(l => l.Contains(redelivered, StringComparison.Ordinal));
        await queue.SendMessageAsync(message);
        // The log line, not an empty queue: other tests' messages may still be in the shared queue,
        // and a first try that failed comes back after the 10 s visibility timeout.
        await Eventually.GetAsync(
            () => Task.FromResult(_app.Logs.Lines.Count(l => l.Contains(redelivered, StringComparison.Ordinal)) > before ? "done" : null),
            TimeSpan.FromSeconds(30),
            "the redelivery to be processed");

        var all = new List<ComplaintEntity>();
        await foreach (var e in table.QueryAsync<ComplaintEntity>(c => c.ComplaintId == id))
        {
            all.Add(e);
        }

        Assert.Equal("under_review", Assert.Single(all).Status);
        Assert.Equal("under_review", (await StatusAsync(code)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Process_MessageThatAlwaysFails_LandsInPoisonAfterMaxDequeueCountAndTheRestGoOn()
    {
        var text = $"{{\"version\":1,\"broken\":\"{Guid.NewGuid()}\"}}";
        var queue = _app.Storage.Queue(StorageNames.ComplaintsQueue);
        var sent = (await queue.SendMessageAsync(text)).Value;

        // Complaints queued behind it are stored while it fails, not after it gives up.
        var behind = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await _app.PostJsonAsync("api/complaints", AnonymousTip());
            behind.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
        }

        foreach (var code in behind)
        {
            await RegisteredAsync(code);
        }

        var poison = _app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue));
        await Eventually.GetAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString() == text),
            TimeSpan.FromSeconds(30),
            "the message in complaints-poison");

        // The move is logged once the original is deleted, just after the copy appears.
        await Eventually.GetAsync(
            () => Task.FromResult(_app.Logs.Lines.FirstOrDefault(l => l.Contains($"message {sent.MessageId} moved to complaints-poison after 5 attempts", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(5),
            "the poison log entry");
        var failures = _app.Logs.Lines.Count(l => l.Contains("ProcessComplaint failed on message", StringComparison.Ordinal) && l.Contains(sent.MessageId, StringComparison.Ordinal));
        Assert.Equal(5, failures);
    }

    [Fact]
    public async Task Status_UnknownButWellFormedCode_Is404()
    {
        var response = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }, language: "en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Status_MalformedCode_Is400NamingTheField()
    {
        var response = await _app.PostJsonAsync("api/complaints/status", new { trackingCode = "123" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("trackingCode", out _));
    }

    /// <summary>Every string and binary value in every table, every queued message, and every blob with its metadata, as text.</summary>
}
