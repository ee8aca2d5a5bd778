using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>Whole LINE conversations through the signed webhook, against a local LINE platform.</summary>
[Collection(AppTests.Name)]
public class LineTests(AppFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly AppHost _app = fixture.Host;
    private readonly FakeLinePlatform _line = fixture.Line;

    private static string NewUser() => "U" + Guid.NewGuid().ToString("N");

    private static Dictionary<string, object?> Event(string type, string userId, object? message = null, string? postback = null, string? replyToken = null, string? eventId = null, DateTimeOffset? at = null, string mode = "active")
    {
        var e = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["mode"] = mode,
            ["timestamp"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            ["source"] = new { type = "user", userId },
            ["webhookEventId"] = eventId ?? Guid.NewGuid().ToString("N")[..26].ToUpperInvariant(),
            ["deliveryContext"] = new { isRedelivery = false },
            ["replyToken"] = replyToken ?? Guid.NewGuid().ToString("N"),
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

    private static byte[] Delivery(IEnumerable<object> events) => JsonSerializer.SerializeToUtf8Bytes(new { destination = "Ubot", events });

    /// <summary>A webhook call carrying <paramref name="sent"/>, signed over <paramref name="signed"/> (the same bytes unless a test tampers).</summary>
    private static HttpRequestMessage WebhookCall(byte[] sent, byte[]? signed = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/line/webhook") { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-line-signature", signature ?? LineSignature.Sign(TestKeys.LineChannelSecret, signed ?? sent));
        return request;
    }

    private async Task<HttpResponseMessage> DeliverAsync(IEnumerable<object> events, Func<byte[], byte[]>? tamper = null, string? signature = null)
    {
        var body = Delivery(events);
        using var request = WebhookCall(tamper?.Invoke(body) ?? body, body, signature);
        return await _app.Client.SendAsync(request);
    }

    private Task<JsonElement[]> AnswerAsync(string kind, Func<JsonElement, bool> match) =>
        Eventually.GetAsync(
            () => Task.FromResult(_line.Received.Where(r => r.Kind == kind && match(r.Body)).Select(r => r.Body.GetProperty("messages").EnumerateArray().ToArray()).FirstOrDefault()),
            TimeSpan.FromSeconds(15),
            $"a {kind} from the bot");

    /// <summary>Sends one event and returns the messages of the reply to it.</summary>
    private async Task<JsonElement[]> SendAsync(Dictionary<string, object?> e)
    {
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync([e])).StatusCode);
        var token = (string)e["replyToken"]!;
        return await AnswerAsync("reply", b => b.GetProperty("replyToken").GetString() == token);
    }

    private Task<JsonElement[]> SayAsync(string user, string text) => SendAsync(Event("message", user, new { type = "text", id = Guid.NewGuid().ToString("N"), text }));

    private Task<JsonElement[]> TapAsync(string user, string data) => SendAsync(Event("postback", user, postback: data));

    private static string[] QuickReplyData(JsonElement message) =>
        message.GetProperty("quickReply").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action"))
            .Select(a => a.TryGetProperty("data", out var d) ? d.GetString()! : a.TryGetProperty("text", out var t) ? t.GetString()! : a.GetProperty("type").GetString()!)
            .ToArray();

    [Fact]
    public async Task Webhook_VerifyCallWithNoEvents_Is200()
    {
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync([])).StatusCode);
    }

    [Fact]
    public async Task Webhook_MissingWrongOrStaleSignature_Is401()
    {
        var e = Event("follow", NewUser());

        var missing = await DeliverAsync([e], signature: "");
        var wrong = await DeliverAsync([e], signature: LineSignature.Sign("another-secret", Encoding.UTF8.GetBytes("{}")));
        var changed = await DeliverAsync([e], tamper: body => { var copy = (byte[])body.Clone(); copy[^3] ^= 0x01; return copy; });

        Assert.All(new[] { missing, wrong, changed }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await Task.Delay(500);
        Assert.DoesNotContain(_line.Received, r => r.Body.TryGetProperty("replyToken", out var t) && t.GetString() == (string)e["replyToken"]!);
    }

    [Fact]
    public async Task Webhook_BodyStartingWithAByteOrderMark_IsHandled()
    {
        var e = Event("follow", NewUser());
        using var request = WebhookCall([0xEF, 0xBB, 0xBF, .. Delivery([e])]);

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await AnswerAsync("reply", b => b.GetProperty("replyToken").GetString() == (string)e["replyToken"]!));
    }

    [Fact]
    public async Task Conversation_AnonymousTipWithPhotoAndLocation_IsStoredAndTheCodeWorks()
    {
        var user = NewUser();
        _line.Content["photo-1"] = Evidence.JpegWithGps;

        var greeting = await SendAsync(Event("follow", user));
        Assert.Equal("text", greeting[0].GetProperty("type").GetString());
        Assert.Equal(["แจ้งเบาะแส", "ติดตามเรื่อง", "ลงทะเบียนอบรม"], QuickReplyData(greeting[0]));

        var categories = await SayAsync(user, "แจ้งเบาะแส");
        // Before anything is asked: LINE itself sees which account wrote, whatever the app keeps.
        Assert.Contains("LINE เองและผู้ดูแลบัญชีทางการนี้เห็นได้", categories[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("cat:procurement", QuickReplyData(categories[^1]));
        Assert.All(categories[^1].GetProperty("quickReply").GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("action").GetProperty("label").GetString()!.Length <= 20));

        var regions = await TapAsync(user, "cat:procurement");
        Assert.Contains("region:8", QuickReplyData(regions[0]));
        var provinces = await TapAsync(user, "region:8");
        Assert.Contains("prov:TH-80", QuickReplyData(provinces[0]));
        await TapAsync(user, "prov:TH-80");
        await SayAsync(user, "อบต. ปากพูน");
        var tooShort = await SayAsync(user, "โกงงบ");
        Assert.Contains("อย่างน้อย 20", tooShort[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var askPhotos = await SayAsync(user, "นายก อบต. จ้างบริษัทญาติตัวเองทำถนนโดยไม่ประกวดราคา ถนนพังภายในสามเดือน");
        Assert.Contains("ถัดไป", QuickReplyData(askPhotos[0]));

        var gotPhoto = await SendAsync(Event("message", user, new { type = "image", id = "photo-1" }));
        Assert.Contains("ได้รับรูปที่ 1", gotPhoto[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var askLocation = await SayAsync(user, "ถัดไป");
        Assert.Contains("location", QuickReplyData(askLocation[0]));
        var askAnonymous = await SendAsync(Event("message", user, new { type = "location", id = "loc", title = "ถนน", address = "ปากพูน", latitude = 8.52, longitude = 99.97 }));
        Assert.Contains("anon:yes", QuickReplyData(askAnonymous[0]));
        var summary = await TapAsync(user, "anon:yes");
        Assert.Contains("ไม่เปิดเผยตัวตน", summary[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("รูปภาพ: 1 รูป, มีตำแหน่ง", summary[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // Last, before anything is queued: whether to be told of news on LINE. No keeps no link.
        var askNotify = await SayAsync(user, "ยืนยันส่ง");
        Assert.Equal(["notify:yes", "notify:no", "ยกเลิก"], QuickReplyData(askNotify[0]));
        var done = await TapAsync(user, "notify:no");
        var code = done[1].GetProperty("text").GetString()!;
        Assert.True(AntiCorruption.Core.Tracking.TrackingCodes.TryNormalize(code, out _));
        Assert.Contains("บันทึกรหัสนี้", done[2].GetProperty("text").GetString(), StringComparison.Ordinal);

        // The complaint is stored like a web one, from LINE, with the photo and no link to the user.
        var stored = await Eventually.GetAsync(() => _app.Service<ComplaintStore>().FindByTrackingHashAsync(_app.Service<AntiCorruption.Core.Tracking.TrackingCodes>().Hash(code), CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint");
        Assert.Equal("line", stored.Channel);
        Assert.True(stored.Anonymous);
        Assert.Null(stored.Reporter);
        Assert.Null(stored.NotifyLine);
        Assert.Single(JsonSerializer.Deserialize<string[]>(stored.AttachmentIds)!);
        await foreach (var table in _app.Storage.Tables.QueryAsync())
        {
            await foreach (var row in _app.Storage.Table(table.Name).QueryAsync<TableEntity>())
            {
                Assert.DoesNotContain(user, string.Join(' ', ((IDictionary<string, object>)row).Values.Select(v => v is byte[] b ? Encoding.UTF8.GetString(b) : v?.ToString())), StringComparison.Ordinal);
            }
        }

        // The photo was cleaned and sealed like an upload: staff get it without its GPS position or serial.
        var photo = Assert.Single(JsonSerializer.Deserialize<string[]>(stored.AttachmentIds)!);
        var download = await _app.StaffAsync(HttpMethod.Get, $"api/staff/complaints/{stored.ComplaintId}/attachments/{photo}", null, AntiCorruption.Core.Staff.StaffRoles.ComplaintsRead);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var kept = await download.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("GPS", MetadataProbe.Directories(kept));
        Assert.Equal(-1, kept.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Evidence.DeviceSerial)));
        var blob = (await _app.Storage.Blobs.GetBlobContainerClient(StorageNames.AttachmentsContainer).GetBlobClient(photo).DownloadContentAsync()).Value.Content.ToArray();
        Assert.NotEqual(kept, blob);
        Assert.False(blob.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]));

        // The same user checks on the case with the code.
        await SayAsync(user, "ติดตามเรื่อง");
        var statusReply = await SayAsync(user, code.ToLowerInvariant());
        Assert.StartsWith("สถานะ: ", statusReply[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("รับเรื่องเมื่อ: ", statusReply[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // LINE reads every message the bot sends: the receipt and the status give days, never a time of day.
        Assert.All(done.Concat(statusReply), m => Assert.Empty(TimeTraces.ClockTimes(m.TryGetProperty("text", out var text) ? text.GetString()! : "")));
    }

    /// <summary>
    /// A 64 MB video sent as a photo, streamed by LINE without a length: refused, nothing kept,
    /// and the app stopped reading just past 10 MB (as it reports; LineClientTests count the bytes
    /// read exactly). What the platform could push into the sockets' buffers before the app hung
    /// up depends on the kernel, so it is not what is asserted.
    /// </summary>
    [Fact]
    public async Task Conversation_FileOverTenMegabytes_IsRefusedWithoutFetchingItWhole()
    {
        var user = NewUser();
        _line.StreamedContent["video-1"] = 64L * 1024 * 1024;
        await SayAsync(user, "แจ้งเบาะแส");
        await TapAsync(user, "cat:procurement");
        await TapAsync(user, "region:8");
        await TapAsync(user, "prov:TH-80");
        await SayAsync(user, "อบต. ปากพูน");
        await SayAsync(user, "นายก อบต. จ้างบริษัทญาติตัวเองทำถนนโดยไม่ประกวดราคา ถนนพังภายในสามเดือน");

        var refused = await SendAsync(Event("message", user, new { type = "image", id = "video-1" }));

        Assert.Contains("รับไฟล์นี้ไม่ได้", refused[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var stopped = _app.Logs.Lines.Last(l => l.Contains("-byte limit; not fetched further", StringComparison.Ordinal));
        var read = long.Parse(System.Text.RegularExpressions.Regex.Match(stopped, @"Bytes=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"the app stopped reading the 64 MB video at {read:N0} bytes");
        Assert.InRange(read, AntiCorruption.Core.Attachments.AttachmentLimits.MaxBytes + 1, AntiCorruption.Core.Attachments.AttachmentLimits.MaxBytes + (64 * 1024));
        // Nothing was kept for this user: the summary counts no photo.
        await SayAsync(user, "ถัดไป");
        await SayAsync(user, "ข้าม");
        var summary = await TapAsync(user, "anon:yes");
        Assert.Contains("รูปภาพ: 0 รูป", summary[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_WorkshopRegistration_GivesAConfirmationCode()
    {
        // Sooner than any other test's workshop: the bot offers the 13 soonest, and the suite makes many.
        var starts = DateTimeOffset.UtcNow.AddHours(36);
        var created = await _app.StaffAsync(HttpMethod.Post, "api/staff/workshops", new
        {
            title = "อบรมผ่านไลน์",
            province = "TH-80",
            venue = "ศาลากลาง",
            startsAt = starts.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            capacity = 30,
            registrationDeadline = starts.AddHours(-12).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, AntiCorruption.Core.Staff.StaffRoles.WorkshopsManage);
        var workshop = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var user = NewUser();

        var list = await SayAsync(user, "ลงทะเบียนอบรม");
        Assert.Contains("ws:" + workshop, QuickReplyData(list[0]));
        await TapAsync(user, "ws:" + workshop);
        await SayAsync(user, "สมใจ ใฝ่ดี");
        await SayAsync(user, "089-123-4567");
        await SayAsync(user, "นครศรีธรรมราช");
        var done = await SayAsync(user, "ยินยอม");

        var code = done[1].GetProperty("text").GetString()!;
        var registration = await TestWorkshops.LookupAsync(_app.Client, code);
        Assert.Equal(workshop, registration.GetProperty("workshopId").GetString());
    }

    [Fact]
    public async Task Conversation_CancelWord_EndsTheFlowAndForgetsIt()
    {
        var user = NewUser();
        await SayAsync(user, "แจ้งเบาะแส");

        var cancelled = await SayAsync(user, "ยกเลิก");
        var afterwards = await TapAsync(user, "cat:bribery");

        Assert.Contains("ยกเลิกแล้ว", cancelled[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("ไม่เข้าใจ", afterwards[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>How the app's log lines name an event: never by its webhookEventId, a ULID that tells the moment the user wrote.</summary>
    private string LoggedAs(Dictionary<string, object?> e) => LineEventProcessor.LogNameOf(_app.Service<AntiCorruption.Core.Privacy.KeyedHasher>(), (string)e["webhookEventId"]!);

    [Fact]
    public async Task Event_DeliveredTwice_IsAnsweredOnce()
    {
        var e = Event("follow", NewUser());

        await DeliverAsync([e]);
        await DeliverAsync([e]);
        await AnswerAsync("reply", b => b.GetProperty("replyToken").GetString() == (string)e["replyToken"]!);
        await Eventually.GetAsync(
            () => Task.FromResult(_app.Logs.All.Contains($"LINE event {LoggedAs(e)} was already answered", StringComparison.Ordinal) ? "seen" : null),
            TimeSpan.FromSeconds(15),
            "the redelivery to be skipped");

        Assert.Single(_line.Received, r => r.Body.TryGetProperty("replyToken", out var t) && t.GetString() == (string)e["replyToken"]!);
        Assert.DoesNotContain((string)e["webhookEventId"]!, _app.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reply_TokenRefusedOrTooOld_IsPushedInstead()
    {
        var refusedUser = NewUser();
        var lateUser = NewUser();

        await DeliverAsync([Event("follow", refusedUser, replyToken: "expired-" + Guid.NewGuid())]);
        await DeliverAsync([Event("follow", lateUser, at: DateTimeOffset.UtcNow.AddMinutes(-3))]);

        var refused = await AnswerAsync("push", b => b.GetProperty("to").GetString() == refusedUser);
        var late = await AnswerAsync("push", b => b.GetProperty("to").GetString() == lateUser);
        Assert.Contains("ป.ป.ท.", refused[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("ป.ป.ท.", late[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_OlderThanAnHour_IsNotActedOn()
    {
        var user = NewUser();
        var old = Event("message", user, new { type = "text", id = Guid.NewGuid().ToString("N"), text = "แจ้งเบาะแส" }, at: DateTimeOffset.UtcNow.AddMinutes(-61));

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync([old])).StatusCode);

        await AssertLeftUnansweredAsync(old, user, "is older than an hour");
    }

    /// <summary>Waits for the log line that says how the event was handled, then checks nothing reached the user.</summary>
    private async Task AssertLeftUnansweredAsync(Dictionary<string, object?> e, string user, string logged)
    {
        await Eventually.GetAsync(
            () => Task.FromResult(_app.Logs.All.Contains($"{LoggedAs(e)} {logged}", StringComparison.Ordinal) ? "seen" : null),
            TimeSpan.FromSeconds(15),
            "the event to be handled");

        Assert.DoesNotContain(_line.Received, r => (r.Body.TryGetProperty("replyToken", out var t) && t.GetString() == (string)e["replyToken"]!) || (r.Body.TryGetProperty("to", out var to) && to.GetString() == user));
    }

    /// <summary>An answer is kept sealed only until it is sent: it may hold a tracking code.</summary>
    [Fact]
    public async Task Answer_OnceDelivered_IsNotKept()
    {
        var e = Event("follow", NewUser());
        await SendAsync(e);
        var id = (string)e["webhookEventId"]!;

        var marker = await Eventually.GetAsync(
            async () => (await _app.Storage.Table(StorageNames.LineEventsTable).GetEntityAsync<TableEntity>(id[^2..], id)).Value is { } row && row.GetBoolean("Delivered") == true ? row : null,
            TimeSpan.FromSeconds(15),
            "the event marked delivered");

        Assert.False(marker.ContainsKey("Answer"));
    }

    [Fact]
    public async Task Reply_LineServerErrorOnce_IsRetried()
    {
        _line.FailNextReplies(1);

        var answer = await SendAsync(Event("follow", NewUser()));

        Assert.NotEmpty(answer);
    }

    [Fact]
    public async Task Event_InStandbyMode_IsNotAnswered()
    {
        var user = NewUser();
        var standby = Event("follow", user, mode: "standby");

        await DeliverAsync([standby]);

        await AssertLeftUnansweredAsync(standby, user, "arrived in standby mode");
    }

    [Fact]
    public async Task Queue_HoldsNoReadableLineUserIdOrText()
    {
        // Processing off in a second host, so the message stays on the queue to be read.
        var user = NewUser();
        var words = "ข้อความลับ" + Guid.NewGuid().ToString("N")[..6];
        await using var idle = await AppHost.StartAsync((await Azurite.SharedAsync()).ConnectionString, ("AzureWebJobs:ProcessLineEvent:Disabled", "true"), ("AzureWebJobs:ProcessComplaint:Disabled", "true"));
        var e = Event("message", user, new { type = "text", id = "m1", text = words });
        using var request = WebhookCall(Delivery([e]));

        var response = await idle.Client.SendAsync(request);
        var peeked = (await idle.Storage.Queue(StorageNames.LineEventsQueue).PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(peeked, text => Assert.DoesNotContain(user, text, StringComparison.Ordinal));
        Assert.All(peeked, text => Assert.DoesNotContain(words, text, StringComparison.Ordinal));
    }

    /// <summary>A whole anonymous tip, typed fast, ending with the answer to the notification question; its tracking code.</summary>
    private async Task<string> TipAsync(string user, string agency, string description, string notify)
    {
        await SayAsync(user, "แจ้งเบาะแส");
        await TapAsync(user, "cat:procurement");
        await SayAsync(user, "นครศรีธรรมราช");
        await SayAsync(user, agency);
        await SayAsync(user, description);
        await SayAsync(user, "ถัดไป");
        await SayAsync(user, "ข้าม");
        await TapAsync(user, "anon:yes");
        var ask = await SayAsync(user, "ยืนยันส่ง");
        Assert.Contains("Would you like a LINE message when there is news", ask[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var done = await TapAsync(user, "notify:" + notify);
        var code = done[1].GetProperty("text").GetString()!;
        Assert.True(AntiCorruption.Core.Tracking.TrackingCodes.TryNormalize(code, out _));
        return code;
    }

    private Task<ComplaintEntity> StoredAsync(string code) =>
        Eventually.GetAsync(() => _app.Service<ComplaintStore>().FindByTrackingHashAsync(_app.Service<AntiCorruption.Core.Tracking.TrackingCodes>().Hash(code), CancellationToken.None), TimeSpan.FromSeconds(15), "the complaint");

    private JsonElement[] PushesTo(string user) =>
        [.. _line.Received.Where(r => r.Kind == "push" && r.Body.GetProperty("to").GetString() == user).Select(r => r.Body)];

    private static AntiCorruption.Core.Notifications.Notice News(string complaintId) =>
        AntiCorruption.Core.Notifications.Notice.Of(AntiCorruption.Core.Notifications.NoticeKinds.CaseNews, complaintId + "|" + Guid.NewGuid().ToString("N"), complaintId);

    [Fact]
    public async Task Notifications_ReporterSaysYes_CaseKeepsASealedLinkAndNewsIsPushedOnceWithoutContent()
    {
        var user = NewUser();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var agency = $"อบต. ท่าศาลา{marker}";
        var description = $"ปลัดรับเงินจากผู้รับเหมาถนนลูกรัง {marker} ก่อนตรวจรับงาน";

        var code = await TipAsync(user, agency, description, "yes");
        var stored = await StoredAsync(code);

        // Sealed for this case, and it opens to the reporter's LINE id; anonymous, no identity.
        Assert.True(stored.Anonymous);
        Assert.Null(stored.Reporter);
        Assert.NotNull(stored.NotifyLine);
        var opened = _app.Service<AntiCorruption.Core.Privacy.PiiProtector>().Open(stored.NotifyLine!, ComplaintMessage.NotifyLineContext(stored.ComplaintId));
        Assert.Equal(user, Encoding.UTF8.GetString(opened));

        // Nowhere in plain text: not in a table, queue or blob, not in the logs.
        var storageText = await StorageText.AllAsync(_app.Storage);
        Assert.DoesNotContain(user, storageText, StringComparison.Ordinal);
        Assert.DoesNotContain(user, _app.Logs.All, StringComparison.Ordinal);

        var push = _app.Service<AntiCorruption.Core.Notifications.ReporterLinePush>();
        var notice = News(stored.ComplaintId);
        Assert.True(await push.PushAsync(stored, notice, CancellationToken.None));
        // The same notice again (a redelivery): the same retry key, so LINE takes it once.
        Assert.True(await push.PushAsync(stored, notice, CancellationToken.None));

        var pushed = Assert.Single(PushesTo(user));
        var text = Assert.Single(pushed.GetProperty("messages").EnumerateArray().ToArray()).GetProperty("text").GetString()!;
        Assert.Contains("รหัสติดตามเรื่อง", text, StringComparison.Ordinal);
        Assert.Contains("send your tracking code here", text, StringComparison.Ordinal);
        foreach (var secret in new[] { marker, "ท่าศาลา", "ปลัด", "ถนน", code, stored.ComplaintId, "ลงทะเบียน", "สถานะ" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// End to end through the notifications queue: staff write to a LINE reporter who asked, add an
    /// internal note, and close the case with a public note; the reporter is pushed twice, never for the note.
    /// </summary>
    [Fact]
    public async Task Notifications_ReporterWhoAsked_IsPushedOnAStaffMessageAndAPublicStatusChange_NotOnAnInternalNote()
    {
        var user = NewUser();
        var code = await TipAsync(user, "เทศบาลตำบลปากพูน", "ปลัดเทศบาลเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง", "yes");
        var stored = await StoredAsync(code);
        var staff = new[] { StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage };

        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{stored.ComplaintId}/messages", new { text = "ขอทราบวันเวลาที่เกิดเหตุ" }, staff)).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(PushesTo(user).Length == 1 ? "" : null), TimeSpan.FromSeconds(30), "the push for the message");
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{stored.ComplaintId}/notes", new { text = "ตรวจสอบกับสำนักงานเขตแล้ว" }, staff)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{stored.ComplaintId}/status", new { status = "closed", note = "ดำเนินการตามขั้นตอนแล้ว", @public = true }, staff)).StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(PushesTo(user).Length >= 2 ? "" : null), TimeSpan.FromSeconds(30), "the push for the status");

        await Task.Delay(TimeSpan.FromSeconds(3));
        var pushes = PushesTo(user);
        Assert.Equal(2, pushes.Length);
        Assert.All(pushes, p => Assert.Equal(AntiCorruption.Core.Notifications.ReporterLinePush.Text, p.GetProperty("messages")[0].GetProperty("text").GetString()));
    }

    /// <summary>
    /// Pushes count against the Official Account's monthly quota; once it is spent, waiting does not
    /// help: the notice is dropped, not retried into the poison queue, and the reporter still reads
    /// the news by sending their code, since replies do not count.
    /// </summary>
    [Fact]
    public async Task Notifications_MonthlyQuotaSpent_TheNoticeIsDroppedNotRetried_AndTheCodeStillAnswers()
    {
        var user = NewUser();
        var code = await TipAsync(user, "เทศบาลตำบลท่างิ้ว", "ปลัดเทศบาลเรียกรับเงินเพื่อเร่งออกใบอนุญาตขุดดิน", "yes");
        var stored = await StoredAsync(code);
        const string Dropped = "was not pushed to a reporter on LINE: the monthly message quota is spent";
        var before = (_app.Logs.Lines.Count(l => l.Contains(Dropped, StringComparison.Ordinal)), _app.Logs.Lines.Count(l => l.Contains("Function DispatchNotification failed", StringComparison.Ordinal)));
        _line.MonthlyLimitReached = true;
        try
        {
            var message = await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{stored.ComplaintId}/messages", new { text = "ขอเอกสารเพิ่มเติม" }, [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage]);
            Assert.Equal(HttpStatusCode.Created, message.StatusCode);
            await Eventually.GetAsync(() => Task.FromResult(_app.Logs.Lines.Count(l => l.Contains(Dropped, StringComparison.Ordinal)) > before.Item1 ? "" : null), TimeSpan.FromSeconds(30), "the push given up");

            var news = await SayAsync(user, code);
            Assert.StartsWith("สถานะ: ", news[0].GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(news, m => m.GetProperty("text").GetString()!.Contains("ขอเอกสารเพิ่มเติม", StringComparison.Ordinal));
        }
        finally
        {
            _line.MonthlyLimitReached = false;
        }

        Assert.Empty(PushesTo(user));
        Assert.Equal(before.Item2, _app.Logs.Lines.Count(l => l.Contains("Function DispatchNotification failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Notifications_ReporterSaysNo_NoLinkAndNothingPushed()
    {
        var user = NewUser();

        var code = await TipAsync(user, "เทศบาลเมืองทุ่งสง", "เจ้าหน้าที่เรียกรับเงินเพื่อออกใบอนุญาตก่อสร้างให้เร็วขึ้น", "no");
        var stored = await StoredAsync(code);

        Assert.Null(stored.NotifyLine);
        Assert.False(await _app.Service<AntiCorruption.Core.Notifications.ReporterLinePush>().PushAsync(stored, News(stored.ComplaintId), CancellationToken.None));
        Assert.Empty(PushesTo(user));
        Assert.DoesNotContain(user, await StorageText.AllAsync(_app.Storage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_StopWord_RemovesEveryLinkAndNothingIsPushed()
    {
        var user = NewUser();
        var first = await StoredAsync(await TipAsync(user, "อบต. ปากพูน", "นายก อบต. ให้ญาติรับเหมาก่อสร้างศาลาโดยไม่มีการประกวดราคา", "yes"));
        var second = await StoredAsync(await TipAsync(user, "อบต. กลาย", "มีการเบิกค่าอาหารอบรมเกินจำนวนผู้เข้าร่วมจริงหลายเท่าตัว", "yes"));
        Assert.NotNull(first.NotifyLine);
        Assert.NotNull(second.NotifyLine);

        var stopped = await SayAsync(user, "หยุดแจ้งเตือน");

        Assert.Contains("หยุดแจ้งเตือนแล้ว", stopped[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var store = _app.Service<ComplaintStore>();
        var push = _app.Service<AntiCorruption.Core.Notifications.ReporterLinePush>();
        foreach (var earlier in new[] { first, second })
        {
            var now = (await store.GetAsync(earlier.ComplaintId, CancellationToken.None))!;
            Assert.Null(now.NotifyLine);
            Assert.False(await push.PushAsync(now, News(now.ComplaintId), CancellationToken.None));
            // Even a copy of the case read before the stop (as a dispatcher may hold) pushes nothing.
            Assert.False(await push.PushAsync(earlier, News(earlier.ComplaintId), CancellationToken.None));
        }

        Assert.Empty(PushesTo(user));

        // The English words work too, with nothing left to stop.
        var again = await SayAsync(user, "Stop notifications");
        Assert.Contains("Notifications stopped", again[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_BlockingTheAccount_RemovesTheLinkAsTheStopWordDoes()
    {
        var user = NewUser();
        var stored = await StoredAsync(await TipAsync(user, "อบต. ท่าขึ้น", "ปลัดให้ผู้รับเหมารายเดิมได้งานทุกโครงการโดยไม่มีการประกวดราคา", "yes"));
        Assert.NotNull(stored.NotifyLine);

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync([Event("unfollow", user)])).StatusCode);

        var now = await Eventually.GetAsync(async () => await _app.Service<ComplaintStore>().GetAsync(stored.ComplaintId, CancellationToken.None) is { NotifyLine: null } c ? c : null, TimeSpan.FromSeconds(15), "the link removed");
        Assert.False(await _app.Service<AntiCorruption.Core.Notifications.ReporterLinePush>().PushAsync(stored, News(now!.ComplaintId), CancellationToken.None));
        Assert.Empty(PushesTo(user));
    }

    [Fact]
    public async Task TrackingCode_SentInTheMiddleOfATip_AnswersTheStatusAndTheTipCarriesOn()
    {
        var user = NewUser();
        var code = await TipAsync(user, "อบต. ท่าขึ้น", "มีการจัดซื้อคอมพิวเตอร์ราคาสูงกว่าท้องตลาดเกือบสองเท่าตัว", "no");
        await StoredAsync(code);

        await SayAsync(user, "แจ้งเบาะแส");
        await TapAsync(user, "cat:bribery");
        await SayAsync(user, "นครศรีธรรมราช");
        var askDescription = await SayAsync(user, "อบต. หัวตะพาน");
        Assert.Contains("เล่าเหตุการณ์", askDescription[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        var status = await SayAsync(user, code);

        Assert.StartsWith("สถานะ: ", status[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("เล่าเหตุการณ์", status[^1].GetProperty("text").GetString(), StringComparison.Ordinal);

        // A description that merely holds a code is a description: the tip goes on to photos.
        var askPhotos = await SayAsync(user, $"ผู้ใหญ่บ้านเรียกรับเงิน เคยแจ้งแล้วด้วยรหัส {code} แต่มีเรื่องใหม่");
        Assert.Contains("ถัดไป", QuickReplyData(askPhotos[0]));
    }
}
