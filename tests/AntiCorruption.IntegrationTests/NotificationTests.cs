using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Notifications;
using AntiCorruption.Core.Notifications.Mail;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Who is told what, end to end on Azurite with the local stand-in of the mail service: region
/// officers of a new case (and only their region's), an identified reporter who asked (on a staff
/// message and a public status change, not an internal note), an assignee when the reporter
/// answers, registrants (decision with the code and QR, promotion once though the notice comes
/// twice), and "send my code again" answering the same for a known and an unknown address. No
/// mail carries the case's text, and no address is left in storage in plain.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string Officer8 = "officers8@pacc.example";
    private const string Officer9 = "officers9@pacc.example";
    private static readonly string[] Region8 = [StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, "Region.8"];

    private Azurite _azurite = null!;
    private FakeMailService _mail = null!;
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartNewAsync();
        _mail = await FakeMailService.StartAsync();
        _app = await AppHost.StartAsync(
            _azurite.ConnectionString,
            ("Mail:Endpoint", _mail.Endpoint),
            ("Mail:SenderAddress", "DoNotReply@pacc.example"),
            ("Notifications:Regions:8", Officer8),
            ("Notifications:Regions:9", Officer9),
            ("Notifications:WorkspaceUrl", "https://pacc.example/api/staff"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _mail.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task<(string Code, string Id)> TipAsync(string province, string marker, object? reporter = null)
    {
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery", province, agency = $"อบต. ทดสอบแจ้งเตือน{marker}",
            description = $"ปลัดเรียกรับเงินเพื่อเซ็นใบอนุญาต ความลับ{marker}", anonymous = reporter is null, consent = reporter is not null, reporter,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var id = (await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(30), "the complaint stored")).ComplaintId;
        return (code, id);
    }

    private Task<IReadOnlyList<SentMail>> MailsAsync(string address, int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_mail.To(address) is { } m && m.Count >= count ? m : null), TimeSpan.FromSeconds(30), what)!;

    /// <summary>Every notice queued so far has been taken and done (this class has its own storage).</summary>
    private Task NoticesTakenAsync() =>
        Eventually.GetAsync<object>(async () => (await _app.Storage.Queue(StorageNames.NotificationsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? new object() : null, TimeSpan.FromSeconds(30), "the notices taken");

    private async Task<JsonElement> StatusAsync(string code) =>
        await (await _app.PostJsonAsync("api/complaints/status", new { trackingCode = code })).Content.ReadFromJsonAsync<JsonElement>();

    private string Reference(string id) => _app.Service<ComplaintReferences>().Of(id);

    [Fact]
    public async Task NewCase_MailsItsRegionsOfficersOnly_NamingNoCase()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (before8, before9) = (_mail.To(Officer8).Count, _mail.To(Officer9).Count);
        var (_, id8) = await TipAsync("TH-80", marker);
        var to8 = (await MailsAsync(Officer8, before8 + 1, "region 8's mail"))[before8];
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before9, _mail.To(Officer9).Count);

        var (_, id9) = await TipAsync("TH-90", marker);
        await MailsAsync(Officer9, before9 + 1, "region 9's mail");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before8 + 1, _mail.To(Officer8).Count);

        // A link to the queue of unassigned cases; nothing that names or dates the case.
        Assert.Contains("https://pacc.example/api/staff#/cases?assignee=none", to8.PlainText, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://pacc.example/api/staff#/cases?assignee=none\">", to8.Html, StringComparison.Ordinal);
        foreach (var secret in new[] { marker, id8, Reference(id8), id9, "ปลัด" })
        {
            Assert.DoesNotContain(secret, to8.Subject + to8.PlainText + to8.Html, StringComparison.Ordinal);
        }

        Assert.Equal("DoNotReply@pacc.example", to8.From);
    }

    [Fact]
    public async Task IdentifiedReporterWhoAsked_ConfirmsTheAddress_ThenIsMailedOnAStaffMessageAndAPublicNote_NotOnAnInternalNote_UntilTheyStop()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var email = $"reporter.{marker}@example.com";
        var (code, id) = await TipAsync("TH-80", marker, new { name = $"สมหญิง แจ้งเตือน{marker}", email, notifyByEmail = true });
        var silent = $"silent.{marker}@example.com";
        var (quietCode, quiet) = await TipAsync("TH-80", marker, new { name = $"สมชาย ไม่ขอ{marker}", email = silent });

        // One mail first, with the code that confirms the address; news waits for it.
        var confirmation = Assert.Single(await MailsAsync(email, 1, "the confirmation mail"));
        var confirmationCode = System.Text.RegularExpressions.Regex.Match(confirmation.PlainText, "[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        Assert.Equal(_app.Service<ReporterEmailNotices>().ConfirmationCodeOf(id), confirmationCode);
        Assert.Contains("If it was not you, do nothing", confirmation.PlainText, StringComparison.Ordinal);
        Assert.Equal("awaiting", (await StatusAsync(code)).GetProperty("emailNotifications").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอเอกสารก่อนยืนยัน" }, Region8)).StatusCode);
        await NoticesTakenAsync();
        Assert.Single(_mail.To(email));

        var wrong = await _app.PostJsonAsync("api/complaints/email-notifications", new { trackingCode = code, confirmationCode = "0000-0000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(["confirmationCode"], (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        // Typed as people type it: lower case, no dash.
        var confirmed = await _app.PostJsonAsync("api/complaints/email-notifications", new { trackingCode = code, confirmationCode = confirmationCode.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("on", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("emailNotifications").GetString());

        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/notes", new { text = "ตรวจสอบภายใน" }, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "ขอเอกสารเพิ่มเติม" }, Region8)).StatusCode);
        var first = (await MailsAsync(email, 2, "the reporter's first notice"))[1];
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "under_review", note = "ภายใน", @public = false }, Region8)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{id}/status", new { status = "referred", note = "ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องแล้ว", @public = true }, Region8)).StatusCode);
        await MailsAsync(email, 3, "the reporter's second notice");
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{quiet}/messages", new { text = "ขอเอกสาร" }, Region8)).StatusCode);

        // Stopped: the next message sends nothing.
        var stopped = await _app.PostJsonAsync("api/complaints/email-notifications", new { trackingCode = code, stop = true });
        Assert.Equal("off", (await stopped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("emailNotifications").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _app.StaffAsync(HttpMethod.Post, $"api/staff/complaints/{id}/messages", new { text = "แจ้งผลเพิ่มเติม" }, Region8)).StatusCode);
        await NoticesTakenAsync();

        // The internal note, the internal status step, the message before the confirmation and the
        // one after the stop sent nothing: three mails in all, content-free.
        var mails = _mail.To(email);
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain(marker, m.Subject + m.PlainText + m.Html, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("เอกสาร", m.PlainText, StringComparison.Ordinal));
        Assert.Contains("รหัสติดตาม", first.PlainText, StringComparison.Ordinal);
        Assert.Empty(_mail.To(silent));
        Assert.Equal(JsonValueKind.Null, (await StatusAsync(quietCode)).GetProperty("emailNotifications").ValueKind);
    }

    [Fact]
    public async Task ReporterAnswer_MailsTheAssignee_AtTheAddressOfTheirSignIn()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (code, id) = await TipAsync("TH-80", marker);
        var officer = $"somsak.{marker}@pacc.example";
        var token = StaffAuthenticator.IssueLocalToken(TestKeys.StaffAuth(), $"officer-{marker}", Region8, email: officer);
        Assert.Equal(HttpStatusCode.OK, (await _app.StaffWithTokenAsync(HttpMethod.Put, $"api/staff/complaints/{id}/assignee", new { assignee = "me" }, token)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = $"ส่งหลักฐานเพิ่ม {marker}" })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = code, text = $"และอีกเรื่องหนึ่ง {marker}" })).StatusCode);

        // One mail for the hour, however often the reporter writes; it names no case.
        var mail = Assert.Single(await MailsAsync(officer, 1, "the assignee's mail"));
        Assert.Contains("#/cases?assignee=me", mail.PlainText, StringComparison.Ordinal);
        foreach (var secret in new[] { marker, id, Reference(id) })
        {
            Assert.DoesNotContain(secret, mail.Subject + mail.PlainText + mail.Html, StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(_mail.To(officer));
    }

    [Fact]
    public async Task Registrants_DecisionWithCodeAndQr_PromotionOnceThoughTheNoticeComesTwice()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 1, title: "อบรมทดสอบการแจ้งเตือน");
        var first = RegistrantRightsTests.NewPerson();
        var second = RegistrantRightsTests.NewPerson();
        var firstCode = await RegistrantRightsTests.RegisterAsync(_app, workshop, first);
        await Eventually.GetAsync(async () => (await TestWorkshops.LookupAsync(_app.Client, firstCode)).GetProperty("status").GetString() == "confirmed" ? "" : null, TimeSpan.FromSeconds(30), "the first confirmed");
        var secondCode = await RegistrantRightsTests.RegisterAsync(_app, workshop, second);

        var confirmed = Assert.Single(await MailsAsync(first.Email, 1, "the first's confirmation"));
        Assert.Contains(firstCode, confirmed.PlainText, StringComparison.Ordinal);
        var qr = Assert.Single(confirmed.Attachments);
        Assert.Equal(("checkin-qr.png", "image/png"), (qr.Name, qr.ContentType));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], qr.Content[..4]);
        Assert.DoesNotContain("<img", confirmed.Html, StringComparison.OrdinalIgnoreCase);
        var waitlisted = Assert.Single(await MailsAsync(second.Email, 1, "the second's waitlist mail"));
        Assert.Contains("รายชื่อรอ", waitlisted.Subject, StringComparison.Ordinal);

        // The first cancels: the second is promoted and mailed; the same notice again sends nothing more.
        Assert.Equal(HttpStatusCode.OK, (await _app.PostJsonAsync("api/registrations/cancel", new { confirmationCode = firstCode })).StatusCode);
        var mails = await MailsAsync(second.Email, 2, "the promotion");
        var promoted = mails[1];
        Assert.Contains(secondCode, promoted.PlainText, StringComparison.Ordinal);
        var row = RegistrationEntity.RowOf(RegistrationCodes.Hash(_app.Service<KeyedHasher>(), secondCode));
        await _app.Service<NoticeOutbox>().SendAsync(Notice.Of(NoticeKinds.RegistrationPromoted, $"{workshop}|{row}", workshopId: workshop, registration: row), CancellationToken.None);
        await NoticesTakenAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, _mail.To(second.Email).Count);
    }

    [Fact]
    public async Task ResendCode_SameAnswerForKnownAndUnknown_CodeOnlyToTheStoredAddress()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 5, title: "อบรมทดสอบส่งรหัสอีกครั้ง");
        var person = RegistrantRightsTests.NewPerson();
        var code = await RegistrantRightsTests.RegisterAsync(_app, workshop, person);
        await MailsAsync(person.Email, 1, "the decision");

        var known = await _app.PostJsonAsync("api/registrations/resend-code", new { workshopId = workshop, email = person.Email.ToUpperInvariant() });
        var unknown = await _app.PostJsonAsync("api/registrations/resend-code", new { workshopId = workshop, email = $"nobody.{Guid.NewGuid():N}@example.com" });

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        var resent = (await MailsAsync(person.Email, 2, "the code again"))[1];
        Assert.Contains(code, resent.PlainText, StringComparison.Ordinal);
        Assert.Single(resent.Attachments);

        var bad = await _app.PostJsonAsync("api/registrations/resend-code", new { workshopId = workshop, email = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["email"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // After these flows, no address or code is in storage in plain.
        await NoticesTakenAsync();
        var stored = await StorageText.AllAsync(_app.Storage);
        Assert.DoesNotContain(person.Email, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.Phone, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Officer8, stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WorkshopMovedToTomorrow_HoldersAreToldOfTheChange_ThenRemindedOnce()
    {
        var workshop = await TestWorkshops.CreateAsync(_app.Client, capacity: 5, title: "อบรมทดสอบการเลื่อนวัน");
        var person = RegistrantRightsTests.NewPerson();
        var refused = RegistrantRightsTests.NewPerson();
        _mail.Refused.TryAdd(refused.Email, 0); // an address the service will never take: it holds up nobody else
        await RegistrantRightsTests.RegisterAsync(_app, workshop, refused);
        var code = await RegistrantRightsTests.RegisterAsync(_app, workshop, person);
        await MailsAsync(person.Email, 1, "the decision");

        var starts = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(7));
        var moved = await _app.StaffAsync(HttpMethod.Patch, $"api/staff/workshops/{workshop}", new
        {
            venue = "ห้องประชุมใหม่ อาคาร 2",
            startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            registrationDeadline = starts.AddHours(-6).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, StaffRoles.WorkshopsManage);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var changed = (await MailsAsync(person.Email, 2, "the change"))[1];
        Assert.Contains("ห้องประชุมใหม่ อาคาร 2", changed.PlainText, StringComparison.Ordinal);
        Assert.Empty(changed.Attachments);

        // The morning timer, twice (a host restarted): one reminder, with the code and its QR code.
        var daily = _app.Service<DailyNotices>();
        Assert.True(await daily.QueueRemindersAsync(CancellationToken.None) >= 1);
        await daily.QueueRemindersAsync(CancellationToken.None);
        var reminder = (await MailsAsync(person.Email, 3, "the reminder"))[2];
        Assert.Contains(code, reminder.PlainText, StringComparison.Ordinal);
        Assert.Single(reminder.Attachments);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, _mail.To(person.Email).Count);
        Assert.Empty(_mail.To(refused.Email));
        Assert.Equal(0, (await _app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.NotificationsQueue)).ExistsAsync()).Value
            ? (await _app.Storage.Queue(StorageNames.PoisonQueueOf(StorageNames.NotificationsQueue)).GetPropertiesAsync()).Value.ApproximateMessagesCount : 0);
    }

    [Fact]
    public async Task OverdueDigest_CountsTheRegionsLateCases_ForItsOfficers()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (_, id) = await TipAsync("TH-80", marker);
        var store = _app.Service<ComplaintStore>();
        var complaint = (await store.GetAsync(id, CancellationToken.None))!;
        complaint.AcknowledgeOverdue = true; // as the daily deadline check marks a case past its 7 days
        Assert.True(await store.TryReplaceAsync(complaint, CancellationToken.None));

        await _app.Service<DailyNotices>().QueueOverdueDigestsAsync(CancellationToken.None);

        var digest = await Eventually.GetAsync(() => Task.FromResult(_mail.To(Officer8).FirstOrDefault(m => m.PlainText.Contains(Reference(id), StringComparison.Ordinal) && m.Subject.Contains("เกินกำหนด", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "region 8's digest");
        Assert.Contains("https://pacc.example/api/staff#/cases?overdue=true", digest!.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, digest.PlainText + digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(_mail.To(Officer9), m => m.PlainText.Contains(Reference(id), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailServiceFailing_TheNoticeWaitsAndIsSentOnceItRecovers_IntakeUnaffected()
    {
        var before = _mail.To(Officer8).Count;
        _mail.FailNext(4); // more than the client's own three tries: the queue has to retry the notice
        var marker = Guid.NewGuid().ToString("N")[..8];
        await TipAsync("TH-80", marker);

        await MailsAsync(Officer8, before + 1, "the mail after the service recovered");
        Assert.True(_mail.Requests >= 5);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before + 1, _mail.To(Officer8).Count);
    }

    [Fact]
    public async Task AnswerLost_TheRepeatIsAnsweredByTheService_OneMail()
    {
        var before = (_mail.To(Officer8).Count, _mail.RepeatsAnswered);
        _mail.LoseNextAnswers(1); // the mail is taken, and the connection drops before the 202
        await TipAsync("TH-80", Guid.NewGuid().ToString("N")[..8]);

        await MailsAsync(Officer8, before.Item1 + 1, "the region's mail");
        await Eventually.GetAsync(() => Task.FromResult(_mail.RepeatsAnswered > before.Item2 ? "repeated" : null), TimeSpan.FromSeconds(30), "the send repeated");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before.Item1 + 1, _mail.To(Officer8).Count);
    }

    [Fact]
    public async Task CrashAfterTheSend_TheRetryRepeatsTheSameRequest_OneMail_ButAChangedMailIsSentAnew()
    {
        var sent = _app.Service<SentNotices>();
        var client = _app.Service<AcsEmailClient>();
        var delivery = _app.Service<MailDelivery>();
        var now = DateTimeOffset.UtcNow;
        var first = new RenderedMail("อบรม ย้ายเวลา", "เริ่ม 09:00", "<p>เริ่ม 09:00</p>", []);

        // A try half a minute ago claimed the send and the service took it; the answer was lost
        // before the try marked it done, and the queue gave the notice again.
        var notice = Notice.Of(NoticeKinds.WorkshopChanged, Guid.NewGuid().ToString("N"));
        var address = $"crash-{notice.Id[..8]}@example.org";
        var claim = (await sent.ClaimAsync(notice.Id, sent.RecipientKey(address), now.AddSeconds(-30), MailDelivery.RepeatFor, default))!;
        Assert.Equal(MailSendResult.Accepted, await client.SendAsync(new OutgoingMail(address, first), claim, default));

        var repeats = _mail.RepeatsAnswered;
        Assert.True(await delivery.SendOnceAsync(notice, address, first, default)); // the service answers the repeat: taken
        Assert.Equal(repeats + 1, _mail.RepeatsAnswered);
        Assert.Single(_mail.To(address));
        Assert.False(await delivery.SendOnceAsync(notice, address, first, default)); // done now: not sent, not asked

        // The same, but the workshop moved again between the tries: the service will not repeat a
        // different mail, and whether the first arrived is unknown, so the new one is sent too.
        var changed = Notice.Of(NoticeKinds.WorkshopChanged, Guid.NewGuid().ToString("N"));
        var other = $"changed-{changed.Id[..8]}@example.org";
        var earlier = (await sent.ClaimAsync(changed.Id, sent.RecipientKey(other), now.AddSeconds(-30), MailDelivery.RepeatFor, default))!;
        Assert.Equal(MailSendResult.Accepted, await client.SendAsync(new OutgoingMail(other, first), earlier, default));
        var moved = first with { PlainText = "เริ่ม 13:00", Html = "<p>เริ่ม 13:00</p>" };
        Assert.True(await delivery.SendOnceAsync(changed, other, moved, default));
        Assert.Equal(["เริ่ม 09:00", "เริ่ม 13:00"], _mail.To(other).Select(m => m.PlainText));

        // A claim older than the service remembers is not repeated (it would be refused, 412) but sent anew.
        var stale = Notice.Of(NoticeKinds.WorkshopChanged, Guid.NewGuid().ToString("N"));
        var third = $"stale-{stale.Id[..8]}@example.org";
        var old = (await sent.ClaimAsync(stale.Id, sent.RecipientKey(third), now.AddMinutes(-10), MailDelivery.RepeatFor, default))!;
        Assert.Equal(MailSendResult.TooLateToRepeat, await client.SendAsync(new OutgoingMail(third, first), old, default));
        Assert.True(await delivery.SendOnceAsync(stale, third, first, default));
        Assert.Single(_mail.To(third));
    }

    [Fact]
    public async Task MailRefusedForTheAppsOwnFault_TheNoticeWaitsOnTheQueue_NotRecordedAsRefused()
    {
        var before = _mail.To(Officer8).Count;
        _mail.FailNext(1, 403); // the app's identity without its role: not the address's fault
        await TipAsync("TH-80", Guid.NewGuid().ToString("N")[..8]);

        await MailsAsync(Officer8, before + 1, "the mail once the service took it");
        Assert.Contains(_app.Logs.Lines, l => l.Contains("The mail service answered 403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmationMails_OneADayToAnAddress_HoweverManyTipsGiveIt()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var victim = $"victim.{marker}@example.com";
        var (first, _) = await TipAsync("TH-80", marker, new { name = $"ใครก็ได้{marker}", email = victim, notifyByEmail = true });
        await MailsAsync(victim, 1, "the first confirmation");
        var (second, _) = await TipAsync("TH-90", marker, new { name = $"ใครอีกคน{marker}", email = victim.ToUpperInvariant(), notifyByEmail = true });
        await NoticesTakenAsync();

        Assert.Single(_mail.To(victim));
        Assert.Equal("awaiting", (await StatusAsync(first)).GetProperty("emailNotifications").GetString());
        Assert.Equal(JsonValueKind.Null, (await StatusAsync(second)).GetProperty("emailNotifications").ValueKind);
    }
}
