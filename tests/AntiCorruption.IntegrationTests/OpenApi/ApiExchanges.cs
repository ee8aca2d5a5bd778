using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests.OpenApi;

/// <summary>
/// One request to the app and the status it must get: <see cref="Operation"/> names the
/// document's operation as <c>"METHOD /api/path/{param}"</c>; the request is sent with that method
/// to the URL that <see cref="Request"/> builds from the shared <see cref="ExchangeContext"/>.
/// </summary>
internal sealed record Exchange(string Operation, int Status, Func<ExchangeContext, Call> Request, string What = "")
{
    public string Method => Operation[..Operation.IndexOf(' ', StringComparison.Ordinal)];

    public override string ToString() => $"{Operation} -> {Status}{(What.Length > 0 ? " (" + What + ")" : "")}";
}

/// <summary>
/// What to send: a URL relative to the app (<c>api/...</c>, query included), a body, the staff
/// roles of the bearer token (none: no Authorization header; a token with no Region role is for
/// head office), and any other headers.
/// </summary>
internal sealed record Call(string Url, HttpContent? Body = null, string[]? Roles = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Every route of the OpenAPI document, each with its successes and its errors. The conformance
/// test (<see cref="OpenApiConformanceTests"/>) sends each exchange, checks the status it gets
/// against <see cref="Exchange.Status"/> and the answer against the document, and fails when an
/// operation of the document has no exchange here, or documents a status no exchange gets (other
/// than those in <see cref="OpenApiConformanceTests.StatusesNotExercised"/>).
/// <para>
/// A new route: add its exchanges to <see cref="All"/>: the success, each documented error, and
/// <see cref="Gate"/> (401 and 403) for a staff route and <see cref="BodyErrors"/> (400, 413,
/// 415) for a JSON body. What an exchange needs stored beforehand (a case, a workshop, a code)
/// comes from <see cref="ExchangeContext"/>, made once per run; give an exchange that changes
/// something a record of its own there, so that exchanges do not depend on their order.
/// </para>
/// </summary>
internal static class ApiExchanges
{
    private const string Read = StaffRoles.ComplaintsRead;
    private const string Manage = StaffRoles.ComplaintsManage;
    private const string Identity = StaffRoles.ComplaintsIdentity;
    private const string Workshops = StaffRoles.WorkshopsManage;
    private const string Summaries = StaffRoles.SummariesRead;
    private const string DataRequests = StaffRoles.DataRequestsManage;

    public static IEnumerable<Exchange> All()
    {
        // Public: operations and pages.
        yield return new("GET /api/health", 200, _ => new("api/health"));
        foreach (var page in new[] { "form", "register", "openapi.json", "staff" })
        {
            yield return new($"GET /api/{page}", 200, _ => new($"api/{page}"));
            yield return new($"HEAD /api/{page}", 200, _ => new($"api/{page}"));
        }

        // Public: the statistics, as JSON and as a page (the context compiles SummaryYear, which writes its public figures).
        yield return new("GET /api/public/statistics", 200, _ => new($"api/public/statistics?fiscalYear={ExchangeContext.SummaryYear}"));
        yield return new("GET /api/public/statistics", 200, _ => new("api/public/statistics"), "the default year");
        yield return new("GET /api/public/statistics", 400, _ => new("api/public/statistics?fiscalYear=1999"), "not a Buddhist Era year");
        yield return new("GET /api/public/statistics", 404, _ => new("api/public/statistics?fiscalYear=2501"), "a year never compiled");
        foreach (var method in new[] { "GET", "HEAD" })
        {
            yield return new($"{method} /api/statistics", 200, _ => new($"api/statistics?fiscalYear={ExchangeContext.SummaryYear}&lang=en"));
            yield return new($"{method} /api/statistics", 400, _ => new("api/statistics?fiscalYear=twenty"));
            yield return new($"{method} /api/statistics", 404, _ => new("api/statistics?fiscalYear=2501"));
        }

        // The workspace's scripts and its local sign-in (this host has the development key).
        yield return new("GET /api/assets/{name}", 200, _ => new("api/assets/workspace-core.js"));
        yield return new("GET /api/assets/{name}", 404, _ => new("api/assets/workspace.html"), "only scripts are served");
        yield return new("POST /api/local/staff-token", 200, _ => new("api/local/staff-token", Json(new { name = "เจ้าหน้าที่ทดสอบ", roles = new[] { Read }, region = 8 })));
        yield return new("POST /api/local/staff-token", 400, _ => new("api/local/staff-token", Json(new { name = "เจ้าหน้าที่ทดสอบ", roles = new[] { "Region.All" }, region = "north" })), "a scope role among the duties, an unknown region");
        foreach (var e in BodyErrors("POST /api/local/staff-token", _ => "api/local/staff-token"))
        {
            yield return e;
        }

        // Public: complaints.
        yield return new("POST /api/complaints", 202, _ => new("api/complaints", Json(ExchangeContext.AnonymousTip("เรื่องจากการตรวจเอกสาร OpenAPI ส่งผ่านแบบฟอร์ม"))));
        yield return new("POST /api/complaints", 400, _ => new("api/complaints", Json(new { anonymous = "yes" })), "invalid fields");
        yield return new("POST /api/complaints", 422, c => new("api/complaints", Json(ExchangeContext.AnonymousTip("อีกเรื่องหนึ่งที่ใช้คีย์เดิมซ้ำโดยไม่ตั้งใจ")), Headers: Header("Idempotency-Key", c.UsedIdempotencyKey)), "Idempotency-Key reused with another body");
        foreach (var e in BodyErrors("POST /api/complaints", _ => "api/complaints"))
        {
            yield return e;
        }

        yield return new("POST /api/complaints/status", 200, c => new("api/complaints/status", Json(new { trackingCode = c.TrackingCode })));
        yield return new("POST /api/complaints/status", 404, c => new("api/complaints/status", Json(new { trackingCode = c.UnknownTrackingCode })));
        foreach (var e in BodyErrors("POST /api/complaints/status", _ => "api/complaints/status"))
        {
            yield return e;
        }

        yield return new("POST /api/complaints/messages", 201, c => new("api/complaints/messages", Json(new { trackingCode = c.TrackingCode, text = "ขอเพิ่มเติมว่ามีพยานอีกสองคน" })));
        yield return new("POST /api/complaints/messages", 404, c => new("api/complaints/messages", Json(new { trackingCode = c.UnknownTrackingCode, text = "ข้อความถึงเรื่องที่ไม่มีอยู่" })));
        foreach (var e in BodyErrors("POST /api/complaints/messages", _ => "api/complaints/messages"))
        {
            yield return e;
        }

        // A reporter's switch to anonymous: a case anonymous from the start answers 200 and stays so; a held case 409.
        yield return new("POST /api/complaints/anonymize", 200, c => new("api/complaints/anonymize", Json(new { trackingCode = c.AnonymousTrackingCode })), "anonymous from the start");
        yield return new("POST /api/complaints/anonymize", 409, c => new("api/complaints/anonymize", Json(new { trackingCode = c.HeldTrackingCode })), "under a legal hold");
        yield return new("POST /api/complaints/anonymize", 404, c => new("api/complaints/anonymize", Json(new { trackingCode = c.UnknownTrackingCode })));
        yield return new("POST /api/complaints/anonymize", 400, _ => new("api/complaints/anonymize", Json(new { trackingCode = "NOT-A-CODE" })), "not a code");
        foreach (var e in BodyErrors("POST /api/complaints/anonymize", _ => "api/complaints/anonymize"))
        {
            yield return e;
        }

        // A reporter who asked for news by email confirms the address, or stops the mails.
        yield return new("POST /api/complaints/email-notifications", 200, c => new("api/complaints/email-notifications", Json(new { trackingCode = c.EmailNoticesTrackingCode, confirmationCode = c.EmailConfirmationCode })), "the mailed code");
        yield return new("POST /api/complaints/email-notifications", 400, c => new("api/complaints/email-notifications", Json(new { trackingCode = c.EmailNoticesTrackingCode, confirmationCode = "0000-0000" })), "a wrong code");
        yield return new("POST /api/complaints/email-notifications", 409, c => new("api/complaints/email-notifications", Json(new { trackingCode = c.AnonymousTrackingCode, stop = true })), "no mails asked");
        yield return new("POST /api/complaints/email-notifications", 404, c => new("api/complaints/email-notifications", Json(new { trackingCode = c.UnknownTrackingCode, stop = true })));
        foreach (var e in BodyErrors("POST /api/complaints/email-notifications", _ => "api/complaints/email-notifications"))
        {
            yield return e;
        }

        yield return new("POST /api/attachments", 201, _ => new("api/attachments", Upload(Evidence.Png)));
        yield return new("POST /api/attachments", 400, _ => new("api/attachments", Upload([])), "empty file");
        yield return new("POST /api/attachments", 413, _ => new("api/attachments", Upload(new byte[Core.Attachments.AttachmentLimits.MaxBytes + 1])), "over 10 MB");
        yield return new("POST /api/attachments", 415, _ => new("api/attachments", Upload(Evidence.HtmlPretendingToBeJpeg)), "HTML named as a photo");
        yield return new("POST /api/attachments", 422, _ => new("api/attachments", Upload(Evidence.BrokenJpeg)), "a JPEG with no picture: its metadata cannot be removed");

        // Public: workshops and registrations.
        yield return new("GET /api/workshops", 200, _ => new("api/workshops"));
        yield return new("GET /api/workshops/{id}", 200, c => new($"api/workshops/{c.WorkshopId}"));
        yield return new("GET /api/workshops/{id}", 404, _ => new("api/workshops/no-such-workshop"));
        yield return new("POST /api/workshops/{id}/registrations", 202, c => new($"api/workshops/{c.WorkshopId}/registrations", Json(ExchangeContext.Person("ผู้สมัครใหม่ ทดสอบเอกสาร", "0861234501"))));
        yield return new("POST /api/workshops/{id}/registrations", 409, c => new($"api/workshops/{c.WorkshopId}/registrations", Json(ExchangeContext.Person("ผู้สมัครซ้ำ", ExchangeContext.CheckedInPhone))), "someone already registered with this phone: no code");
        yield return new("POST /api/workshops/{id}/registrations", 400, c => new($"api/workshops/{c.WorkshopId}/registrations", Json(ExchangeContext.Person("ผู้สมัครคีย์สั้น", "0861234504")), Headers: Header("Idempotency-Key", "short")), "a guessable Idempotency-Key");
        yield return new("POST /api/workshops/{id}/registrations", 404, _ => new("api/workshops/no-such-workshop/registrations", Json(ExchangeContext.Person("ผู้สมัคร", "0861234502"))));
        yield return new("POST /api/workshops/{id}/registrations", 409, _ => new($"api/workshops/{ExchangeContext.PastWorkshopId}/registrations", Json(ExchangeContext.Person("ผู้สมัครช้า", "0861234503"))), "registration closed");
        foreach (var e in BodyErrors("POST /api/workshops/{id}/registrations", c => $"api/workshops/{c.WorkshopId}/registrations"))
        {
            yield return e;
        }

        yield return new("POST /api/registrations/lookup", 200, c => new("api/registrations/lookup", Json(new { confirmationCode = c.CheckedInCode })));
        yield return new("POST /api/registrations/lookup", 404, c => new("api/registrations/lookup", Json(new { confirmationCode = c.UnknownTrackingCode })));
        yield return new("POST /api/registrations/lookup", 400, _ => new("api/registrations/lookup", Json(new { confirmationCode = "NO-SUCH-CODE" })), "not a code");
        foreach (var e in BodyErrors("POST /api/registrations/lookup", _ => "api/registrations/lookup"))
        {
            yield return e;
        }

        yield return new("POST /api/registrations/cancel", 200, c => new("api/registrations/cancel", Json(new { confirmationCode = c.CancelCode })));
        yield return new("POST /api/registrations/cancel", 404, c => new("api/registrations/cancel", Json(new { confirmationCode = c.UnknownTrackingCode })));
        yield return new("POST /api/registrations/cancel", 409, c => new("api/registrations/cancel", Json(new { confirmationCode = c.CheckedInCode })), "already checked in");
        yield return new("POST /api/registrations/cancel", 400, _ => new("api/registrations/cancel", Json(new { })), "no code");
        foreach (var e in BodyErrors("POST /api/registrations/cancel", _ => "api/registrations/cancel"))
        {
            yield return e;
        }

        yield return new("POST /api/registrations/qr", 200, c => new("api/registrations/qr", Json(new { confirmationCode = c.CheckedInCode })));
        yield return new("POST /api/registrations/qr", 404, c => new("api/registrations/qr", Json(new { confirmationCode = c.UnknownTrackingCode })));
        yield return new("POST /api/registrations/qr", 400, _ => new("api/registrations/qr", Json(new { confirmationCode = 42 })), "a number, not a code");
        foreach (var e in BodyErrors("POST /api/registrations/qr", _ => "api/registrations/qr"))
        {
            yield return e;
        }

        // Public: a registrant's rights. The withdrawal has a registration of its own (staff erase the same one: either order answers 200).
        yield return new("POST /api/registrations/data", 200, c => new("api/registrations/data", Json(new { confirmationCode = c.CheckedInCode })));
        yield return new("POST /api/registrations/data", 200, c => new("api/registrations/data", Json(new { confirmationCode = c.CheckedInCode, download = true })), "as a file");
        yield return new("POST /api/registrations/data", 404, c => new("api/registrations/data", Json(new { confirmationCode = c.UnknownTrackingCode })));
        yield return new("POST /api/registrations/data", 400, c => new("api/registrations/data", Json(new { confirmationCode = c.CheckedInCode, download = "yes" })), "download not a boolean");
        foreach (var e in BodyErrors("POST /api/registrations/data", _ => "api/registrations/data"))
        {
            yield return e;
        }

        yield return new("POST /api/registrations/withdraw-consent", 200, c => new("api/registrations/withdraw-consent", Json(new { confirmationCode = c.WithdrawCode })));
        yield return new("POST /api/registrations/withdraw-consent", 404, c => new("api/registrations/withdraw-consent", Json(new { confirmationCode = c.UnknownTrackingCode })));
        yield return new("POST /api/registrations/withdraw-consent", 400, _ => new("api/registrations/withdraw-consent", Json(new { })), "no code");
        foreach (var e in BodyErrors("POST /api/registrations/withdraw-consent", _ => "api/registrations/withdraw-consent"))
        {
            yield return e;
        }

        yield return new("POST /api/registrations/resend-code", 202, c => new("api/registrations/resend-code", Json(new { workshopId = c.WorkshopId, email = "nobody@example.go.th" })), "the same answer whether or not a registration has this email");
        yield return new("POST /api/registrations/resend-code", 400, c => new("api/registrations/resend-code", Json(new { workshopId = c.WorkshopId, email = "not an address" })), "not an email");
        foreach (var e in BodyErrors("POST /api/registrations/resend-code", _ => "api/registrations/resend-code"))
        {
            yield return e;
        }

        // Public: LINE.
        yield return new("POST /api/line/webhook", 200, _ => LineCall(LineSignature.Sign(TestKeys.LineChannelSecret, LineVerifyBody)), "LINE's Verify call, no events");
        yield return new("POST /api/line/webhook", 401, _ => LineCall(LineSignature.Sign("another-secret", LineVerifyBody)), "wrong signature");
        yield return new("POST /api/line/webhook", 400, _ => LineCall("{\"events\": [", signed: true), "signed, but not JSON");
        yield return new("POST /api/line/webhook", 413, _ => LineCall("{\"events\":[],\"x\":\"" + new string('x', 1024 * 1024) + "\"}", signed: true), "over 1 MB");

        // Staff: who am I.
        yield return new("GET /api/staff/me", 200, _ => new("api/staff/me", Roles: [Read, StaffRoles.Region(8)]));
        yield return new("GET /api/staff/me", 401, _ => new("api/staff/me"));
        yield return new("GET /api/staff/me", 403, _ => new("api/staff/me", Roles: [StaffRoles.AllRegions]), "a scope role and no duty");

        // Staff: complaints.
        yield return new("GET /api/staff/complaints", 200, _ => new("api/staff/complaints?region=8&pageSize=5", Roles: [Read]));
        yield return new("GET /api/staff/complaints", 400, _ => new("api/staff/complaints?status=nonsense", Roles: [Read]));
        foreach (var e in Gate("GET /api/staff/complaints", _ => "api/staff/complaints", Workshops))
        {
            yield return e;
        }

        yield return new("POST /api/staff/complaints/lookup", 200, c => new("api/staff/complaints/lookup", Json(new { trackingCode = c.TrackingCode }), [Read]));
        yield return new("POST /api/staff/complaints/lookup", 404, c => new("api/staff/complaints/lookup", Json(new { trackingCode = c.UnknownTrackingCode }), [Read]));
        foreach (var e in Gate("POST /api/staff/complaints/lookup", _ => "api/staff/complaints/lookup", Workshops).Concat(BodyErrors("POST /api/staff/complaints/lookup", _ => "api/staff/complaints/lookup", Read)))
        {
            yield return e;
        }

        yield return new("GET /api/staff/complaints/{id}", 200, c => new($"api/staff/complaints/{c.ComplaintId}", Roles: [Read]), "a named reporter's case with every detail");
        yield return new("GET /api/staff/complaints/{id}", 200, c => new($"api/staff/complaints/{c.AnonymousComplaintId}", Roles: [Read]), "an anonymous, closed case with only the required details");
        yield return new("GET /api/staff/complaints/{id}", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}", Roles: [Read]));
        yield return new("GET /api/staff/complaints/{id}", 404, c => new($"api/staff/complaints/{c.ComplaintId}", Roles: [Read, StaffRoles.Region(9)]), "another region's case");
        foreach (var e in Gate("GET /api/staff/complaints/{id}", c => $"api/staff/complaints/{c.ComplaintId}", Workshops))
        {
            yield return e;
        }

        yield return new("POST /api/staff/complaints/{id}/identity", 200, c => new($"api/staff/complaints/{c.ComplaintId}/identity", Json(new { reason = "โทรสอบถามข้อเท็จจริงเพิ่มเติมกับผู้แจ้ง" }), [Identity]), "a named reporter");
        yield return new("POST /api/staff/complaints/{id}/identity", 200, c => new($"api/staff/complaints/{c.AnonymousComplaintId}/identity", Json(new { reason = "ตรวจสอบว่าผู้แจ้งเปิดเผยตัวหรือไม่" }), [Identity]), "anonymous: reporter null");
        yield return new("POST /api/staff/complaints/{id}/identity", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/identity", Json(new { reason = "ตรวจสอบเรื่องที่ไม่มีอยู่ในระบบ" }), [Identity]));
        foreach (var e in Gate("POST /api/staff/complaints/{id}/identity", c => $"api/staff/complaints/{c.ComplaintId}/identity", Read).Concat(BodyErrors("POST /api/staff/complaints/{id}/identity", c => $"api/staff/complaints/{c.ComplaintId}/identity", Identity)))
        {
            yield return e;
        }

        yield return new("GET /api/staff/complaints/{id}/attachments/{attachmentId}", 200, c => new($"api/staff/complaints/{c.ComplaintId}/attachments/{c.AttachmentId}", Roles: [Read]));
        yield return new("GET /api/staff/complaints/{id}/attachments/{attachmentId}", 404, c => new($"api/staff/complaints/{c.ComplaintId}/attachments/{new string('0', 32)}", Roles: [Read]), "not this case's file");
        foreach (var e in Gate("GET /api/staff/complaints/{id}/attachments/{attachmentId}", c => $"api/staff/complaints/{c.ComplaintId}/attachments/{c.AttachmentId}", Workshops))
        {
            yield return e;
        }

        yield return new("PATCH /api/staff/complaints/{id}/status", 200, c => new($"api/staff/complaints/{c.ComplaintId}/status", Json(new { status = "under_review", note = "รับเรื่องไว้ตรวจสอบ", @public = true }), [Manage]));
        yield return new("PATCH /api/staff/complaints/{id}/status", 400, c => new($"api/staff/complaints/{c.ComplaintId}/status", Json(new { status = "nonsense" }), [Manage]), "unknown status");
        yield return new("PATCH /api/staff/complaints/{id}/status", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/status", Json(new { status = "under_review" }), [Manage]));
        yield return new("PATCH /api/staff/complaints/{id}/status", 409, c => new($"api/staff/complaints/{c.AnonymousComplaintId}/status", Json(new { status = "referred", note = "ส่งต่อ" }), [Manage]), "a closed case cannot be referred");
        foreach (var e in Gate("PATCH /api/staff/complaints/{id}/status", c => $"api/staff/complaints/{c.ComplaintId}/status", Read).Concat(BodyErrors("PATCH /api/staff/complaints/{id}/status", c => $"api/staff/complaints/{c.ComplaintId}/status", Manage)))
        {
            yield return e;
        }

        yield return new("POST /api/staff/complaints/{id}/messages", 201, c => new($"api/staff/complaints/{c.ComplaintId}/messages", Json(new { text = "ขอทราบวันที่เกิดเหตุที่แน่นอน" }), [Manage]));
        yield return new("POST /api/staff/complaints/{id}/messages", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/messages", Json(new { text = "ข้อความ" }), [Manage]));
        foreach (var e in Gate("POST /api/staff/complaints/{id}/messages", c => $"api/staff/complaints/{c.ComplaintId}/messages", Read).Concat(BodyErrors("POST /api/staff/complaints/{id}/messages", c => $"api/staff/complaints/{c.ComplaintId}/messages", Manage)))
        {
            yield return e;
        }

        yield return new("POST /api/staff/complaints/{id}/notes", 201, c => new($"api/staff/complaints/{c.ComplaintId}/notes", Json(new { text = "ผู้ถูกร้องเคยมีเรื่องในปีก่อน" }), [Manage]));
        yield return new("POST /api/staff/complaints/{id}/notes", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/notes", Json(new { text = "บันทึก" }), [Manage]));
        foreach (var e in Gate("POST /api/staff/complaints/{id}/notes", c => $"api/staff/complaints/{c.ComplaintId}/notes", Read).Concat(BodyErrors("POST /api/staff/complaints/{id}/notes", c => $"api/staff/complaints/{c.ComplaintId}/notes", Manage)))
        {
            yield return e;
        }

        // Staff: assignment, links, reclassification and transfer. The transfer moves a case of its own.
        yield return new("PUT /api/staff/complaints/{id}/assignee", 200, c => new($"api/staff/complaints/{c.ComplaintId}/assignee", Json(new { assignee = "me" }), [Manage]));
        yield return new("PUT /api/staff/complaints/{id}/assignee", 400, c => new($"api/staff/complaints/{c.ComplaintId}/assignee", Json(new { assignee = "not a staff id!" }), [Manage]));
        yield return new("PUT /api/staff/complaints/{id}/assignee", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/assignee", Json(new { assignee = "me" }), [Manage]));
        foreach (var e in Gate("PUT /api/staff/complaints/{id}/assignee", c => $"api/staff/complaints/{c.ComplaintId}/assignee", Read).Concat(BodyErrors("PUT /api/staff/complaints/{id}/assignee", c => $"api/staff/complaints/{c.ComplaintId}/assignee", Manage)))
        {
            yield return e;
        }

        yield return new("POST /api/staff/complaints/{id}/links", 201, c => new($"api/staff/complaints/{c.ComplaintId}/links", Json(new { otherId = c.AnonymousComplaintId, relation = "related" }), [Manage]), "a new link");
        yield return new("POST /api/staff/complaints/{id}/links", 200, c => new($"api/staff/complaints/{c.ComplaintId}/links", Json(new { otherId = c.AnonymousComplaintId, relation = "related" }), [Manage]), "the same link again");
        yield return new("POST /api/staff/complaints/{id}/links", 400, c => new($"api/staff/complaints/{c.ComplaintId}/links", Json(new { otherId = c.ComplaintId, relation = "related" }), [Manage]), "to itself");
        yield return new("POST /api/staff/complaints/{id}/links", 404, c => new($"api/staff/complaints/{c.ComplaintId}/links", Json(new { otherId = c.UnknownComplaintId, relation = "duplicate_of" }), [Manage]), "to a case that does not exist");
        foreach (var e in Gate("POST /api/staff/complaints/{id}/links", c => $"api/staff/complaints/{c.ComplaintId}/links", Read).Concat(BodyErrors("POST /api/staff/complaints/{id}/links", c => $"api/staff/complaints/{c.ComplaintId}/links", Manage)))
        {
            yield return e;
        }

        yield return new("PATCH /api/staff/complaints/{id}", 200, c => new($"api/staff/complaints/{c.TransferredComplaintId}", Json(new { reason = "จังหวัดที่เกิดเหตุอยู่ในเขตอื่น", province = "TH-90", category = "procurement" }), [Manage]), "a transfer to region 9");
        yield return new("PATCH /api/staff/complaints/{id}", 400, c => new($"api/staff/complaints/{c.ComplaintId}", Json(new { reason = "สั้น", province = "TH-99" }), [Manage]));
        yield return new("PATCH /api/staff/complaints/{id}", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}", Json(new { reason = "จัดหมวดหมู่ใหม่ให้ถูกต้อง", category = "bribery" }), [Manage]));
        foreach (var e in Gate("PATCH /api/staff/complaints/{id}", c => $"api/staff/complaints/{c.ComplaintId}", Read).Concat(BodyErrors("PATCH /api/staff/complaints/{id}", c => $"api/staff/complaints/{c.ComplaintId}", Manage)))
        {
            yield return e;
        }

        // Staff: legal holds. Placing the hold that already stands changes nothing.
        yield return new("PUT /api/staff/complaints/{id}/legal-hold", 200, c => new($"api/staff/complaints/{c.HeldComplaintId}/legal-hold", Json(new { hold = true, reason = "คดีอยู่ระหว่างการพิจารณาของศาล" }), [Manage]));
        yield return new("PUT /api/staff/complaints/{id}/legal-hold", 400, c => new($"api/staff/complaints/{c.HeldComplaintId}/legal-hold", Json(new { hold = "yes", reason = "สั้น" }), [Manage]));
        yield return new("PUT /api/staff/complaints/{id}/legal-hold", 404, c => new($"api/staff/complaints/{c.UnknownComplaintId}/legal-hold", Json(new { hold = true, reason = "คดีอยู่ระหว่างการพิจารณาของศาล" }), [Manage]));
        foreach (var e in Gate("PUT /api/staff/complaints/{id}/legal-hold", c => $"api/staff/complaints/{c.HeldComplaintId}/legal-hold", Read).Concat(BodyErrors("PUT /api/staff/complaints/{id}/legal-hold", c => $"api/staff/complaints/{c.HeldComplaintId}/legal-hold", Manage)))
        {
            yield return e;
        }

        // Staff: registrants' requests by letter.
        yield return new("POST /api/staff/registrations/find", 200, _ => new("api/staff/registrations/find", Json(new { phone = "086-123-4511" }), [DataRequests]));
        yield return new("POST /api/staff/registrations/find", 400, _ => new("api/staff/registrations/find", Json(new { phone = "0861234511", nationalId = "1101700207030" }), [DataRequests]), "two keys");
        foreach (var e in Gate("POST /api/staff/registrations/find", _ => "api/staff/registrations/find", Workshops).Concat(BodyErrors("POST /api/staff/registrations/find", _ => "api/staff/registrations/find", DataRequests)))
        {
            yield return e;
        }

        yield return new("GET /api/staff/registrations/{id}", 200, c => new($"api/staff/registrations/{c.CheckedInRegistrationId}", Roles: [DataRequests]));
        yield return new("GET /api/staff/registrations/{id}", 404, _ => new($"api/staff/registrations/{new string('0', 64)}", Roles: [DataRequests]));
        yield return new("GET /api/staff/registrations/{id}", 404, c => new($"api/staff/registrations/{c.CheckedInRegistrationId}", Roles: [DataRequests, StaffRoles.Region(9)]), "another region's registration");
        foreach (var e in Gate("GET /api/staff/registrations/{id}", c => $"api/staff/registrations/{c.CheckedInRegistrationId}", Workshops))
        {
            yield return e;
        }

        yield return new("POST /api/staff/registrations/{id}/erase", 200, c => new($"api/staff/registrations/{c.WithdrawRegistrationId}/erase", Json(new { reason = "หนังสือขอลบข้อมูล เลขที่ 0001/2569" }), [DataRequests]));
        yield return new("POST /api/staff/registrations/{id}/erase", 400, c => new($"api/staff/registrations/{c.WithdrawRegistrationId}/erase", Json(new { reason = "ลบ" }), [DataRequests]), "reason too short");
        yield return new("POST /api/staff/registrations/{id}/erase", 404, _ => new($"api/staff/registrations/{new string('0', 64)}/erase", Json(new { reason = "หนังสือขอลบข้อมูล เลขที่ 0002/2569" }), [DataRequests]));
        foreach (var e in Gate("POST /api/staff/registrations/{id}/erase", c => $"api/staff/registrations/{c.WithdrawRegistrationId}/erase", Workshops).Concat(BodyErrors("POST /api/staff/registrations/{id}/erase", c => $"api/staff/registrations/{c.WithdrawRegistrationId}/erase", DataRequests)))
        {
            yield return e;
        }

        // Staff: the audit trail.
        yield return new("GET /api/staff/audit", 200, c => new($"api/staff/audit?complaintId={c.ComplaintId}", Roles: [StaffRoles.AuditRead]));
        yield return new("GET /api/staff/audit", 400, _ => new("api/staff/audit?action=complaint.delete", Roles: [StaffRoles.AuditRead]));
        foreach (var e in Gate("GET /api/staff/audit", _ => "api/staff/audit", Read))
        {
            yield return e;
        }

        yield return new("GET /api/staff/audit/verify", 200, _ => new("api/staff/audit/verify", Roles: [StaffRoles.AuditRead]));
        yield return new("GET /api/staff/audit/verify", 403, _ => new("api/staff/audit/verify", Roles: [StaffRoles.AuditRead, StaffRoles.Region(8)]), "a region's auditor");
        yield return new("GET /api/staff/audit/verify", 401, _ => new("api/staff/audit/verify"), "no token");

        yield return new("GET /api/staff/hotspots", 200, _ => new("api/staff/hotspots", Roles: [Read]));
        yield return new("GET /api/staff/hotspots", 400, _ => new("api/staff/hotspots?fiscalYear=abc", Roles: [Read]));
        foreach (var e in Gate("GET /api/staff/hotspots", _ => "api/staff/hotspots", Workshops))
        {
            yield return e;
        }

        // Staff: workshops.
        yield return new("POST /api/staff/workshops", 201, _ => new("api/staff/workshops", Json(ExchangeContext.NewWorkshop()), [Workshops]));
        yield return new("POST /api/staff/workshops", 400, _ => new("api/staff/workshops", Json(new { title = "ไม่มีรายละเอียดอื่น" }), [Workshops]), "missing fields");
        foreach (var e in Gate("POST /api/staff/workshops", _ => "api/staff/workshops", Read).Concat(BodyErrors("POST /api/staff/workshops", _ => "api/staff/workshops", Workshops)))
        {
            yield return e;
        }

        yield return new("PATCH /api/staff/workshops/{id}", 200, c => new($"api/staff/workshops/{c.WorkshopId}", Json(new { venue = "หอประชุมอำเภอเมืองนครศรีธรรมราช" }), [Workshops]));
        yield return new("PATCH /api/staff/workshops/{id}", 400, c => new($"api/staff/workshops/{c.WorkshopId}", Json(new { capacity = 0 }), [Workshops]));
        yield return new("PATCH /api/staff/workshops/{id}", 404, _ => new("api/staff/workshops/no-such-workshop", Json(new { venue = "ที่ใดก็ได้" }), [Workshops]));
        foreach (var e in Gate("PATCH /api/staff/workshops/{id}", c => $"api/staff/workshops/{c.WorkshopId}", Read).Concat(BodyErrors("PATCH /api/staff/workshops/{id}", c => $"api/staff/workshops/{c.WorkshopId}", Workshops)))
        {
            yield return e;
        }

        yield return new("GET /api/staff/workshops/{id}/attendees", 200, c => new($"api/staff/workshops/{c.WorkshopId}/attendees", Roles: [Workshops]), "CSV");
        yield return new("GET /api/staff/workshops/{id}/attendees", 200, c => new($"api/staff/workshops/{c.WorkshopId}/attendees?format=xlsx", Roles: [Workshops]), "xlsx");
        yield return new("GET /api/staff/workshops/{id}/attendees", 400, c => new($"api/staff/workshops/{c.WorkshopId}/attendees?format=pdf", Roles: [Workshops]));
        yield return new("GET /api/staff/workshops/{id}/attendees", 404, _ => new("api/staff/workshops/no-such-workshop/attendees", Roles: [Workshops]));
        foreach (var e in Gate("GET /api/staff/workshops/{id}/attendees", c => $"api/staff/workshops/{c.WorkshopId}/attendees", Read))
        {
            yield return e;
        }

        yield return new("GET /api/staff/workshops", 200, _ => new("api/staff/workshops", Roles: [Workshops]));
        yield return new("GET /api/staff/workshops", 200, _ => new("api/staff/workshops", Roles: [StaffRoles.WorkshopsCheckIn, StaffRoles.Region(8)]), "door staff of region 8");
        yield return new("GET /api/staff/workshops", 400, _ => new("api/staff/workshops?fiscalYear=abc", Roles: [Workshops]));
        foreach (var e in Gate("GET /api/staff/workshops", _ => "api/staff/workshops", Read))
        {
            yield return e;
        }

        yield return new("GET /api/staff/workshops/{id}/attendees", 200, c => new($"api/staff/workshops/{c.WorkshopId}/attendees?format=json", Roles: [StaffRoles.WorkshopsCheckIn]), "JSON for door staff");
        yield return new("GET /api/staff/workshops/{id}/attendees", 403, c => new($"api/staff/workshops/{c.WorkshopId}/attendees?format=csv", Roles: [StaffRoles.WorkshopsCheckIn]), "a file for door staff");

        yield return new("POST /api/staff/workshops/{id}/checkins", 200, c => new($"api/staff/workshops/{c.WorkshopId}/checkins", Json(new { confirmationCode = c.CheckInCode }), [Workshops]));
        yield return new("POST /api/staff/workshops/{id}/checkins", 404, c => new($"api/staff/workshops/{c.WorkshopId}/checkins", Json(new { confirmationCode = "NO-SUCH-CODE" }), [Workshops]));
        yield return new("POST /api/staff/workshops/{id}/checkins", 409, c => new($"api/staff/workshops/{c.WorkshopId}/checkins", Json(new { confirmationCode = c.CheckedInCode }), [Workshops]), "already checked in");
        foreach (var e in Gate("POST /api/staff/workshops/{id}/checkins", c => $"api/staff/workshops/{c.WorkshopId}/checkins", Read).Concat(BodyErrors("POST /api/staff/workshops/{id}/checkins", c => $"api/staff/workshops/{c.WorkshopId}/checkins", Workshops)))
        {
            yield return e;
        }

        // Staff: summaries.
        yield return new("GET /api/staff/summaries", 200, _ => new("api/staff/summaries", Roles: [Summaries]));
        foreach (var e in Gate("GET /api/staff/summaries", _ => "api/staff/summaries", Read))
        {
            yield return e;
        }

        foreach (var file in Core.Summaries.SummaryFiles.ContentTypes.Keys)
        {
            yield return new("GET /api/staff/summaries/{fiscalYear}/{file}", 200, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/{file}", Roles: [Summaries]), file);
        }

        yield return new("GET /api/staff/summaries/{fiscalYear}/{file}", 404, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/secrets.txt", Roles: [Summaries]));
        foreach (var e in Gate("GET /api/staff/summaries/{fiscalYear}/{file}", _ => $"api/staff/summaries/{ExchangeContext.SummaryYear}/summary.json", Read))
        {
            yield return e;
        }

        yield return new("GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}", 200, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/regions/8/summary.json", Roles: [Summaries, StaffRoles.Region(8)]), "a region's own summary");
        yield return new("GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}", 200, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/regions/8/complaints.csv", Roles: [Summaries, StaffRoles.Region(8)]), "a region's CSV");
        yield return new("GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}", 404, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/regions/9/summary.json", Roles: [Summaries, StaffRoles.Region(8)]), "another region's file");
        foreach (var e in Gate("GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}", _ => $"api/staff/summaries/{ExchangeContext.SummaryYear}/regions/8/summary.json", Read))
        {
            yield return e;
        }

        yield return new("POST /api/staff/summaries/{fiscalYear}/compile", 202, _ => new($"api/staff/summaries/{ExchangeContext.SummaryYear}/compile", Roles: [Summaries]));
        yield return new("POST /api/staff/summaries/{fiscalYear}/compile", 400, _ => new("api/staff/summaries/1999/compile", Roles: [Summaries]), "not a Buddhist Era year");
        foreach (var e in Gate("POST /api/staff/summaries/{fiscalYear}/compile", _ => $"api/staff/summaries/{ExchangeContext.SummaryYear}/compile", Read))
        {
            yield return e;
        }
    }

    /// <summary>A staff route's gate: 401 with no token, 403 with a token that has only <paramref name="otherDuty"/> (and head office scope).</summary>
    public static IEnumerable<Exchange> Gate(string operation, Func<ExchangeContext, string> url, string otherDuty)
    {
        var hasBody = operation.StartsWith("POST ", StringComparison.Ordinal) || operation.StartsWith("PATCH ", StringComparison.Ordinal) || operation.StartsWith("PUT ", StringComparison.Ordinal);
        yield return new(operation, 401, c => new(url(c), hasBody ? Json(new { }) : null), "no token");
        yield return new(operation, 403, c => new(url(c), hasBody ? Json(new { }) : null, [otherDuty]), "without the duty role");
    }

    /// <summary>A JSON body's errors: 400 for one that is not JSON, 413 for one over the limit, 415 for another content type.</summary>
    public static IEnumerable<Exchange> BodyErrors(string operation, Func<ExchangeContext, string> url, params string[] roles)
    {
        yield return new(operation, 400, c => new(url(c), Raw("{\"text\": tru"u8.ToArray(), "application/json"), roles), "malformed JSON");
        yield return new(operation, 413, c => new(url(c), Raw(Encoding.UTF8.GetBytes("{\"text\":\"" + new string('ก', 100_000) + "\"}"), "application/json"), roles), "300 KB of JSON");
        yield return new(operation, 415, c => new(url(c), Raw("text=hello"u8.ToArray(), "application/x-www-form-urlencoded"), roles), "a form post");
    }

    public static HttpContent Json(object body) => JsonContent.Create(body);

    public static HttpContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static HttpContent Upload(byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", "evidence.bin" } };
    }

    private static Dictionary<string, string> Header(string name, string value) => new(StringComparer.OrdinalIgnoreCase) { [name] = value };

    private static readonly byte[] LineVerifyBody = "{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[]}"u8.ToArray();

    private static Call LineCall(string signature) =>
        new("api/line/webhook", Raw(LineVerifyBody, "application/json"), Headers: Header("x-line-signature", signature));

    private static Call LineCall(string body, bool signed)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new("api/line/webhook", Raw(bytes, "application/json"), Headers: Header("x-line-signature", signed ? LineSignature.Sign(TestKeys.LineChannelSecret, bytes) : ""));
    }
}

/// <summary>
/// The records the exchanges act on, stored once per run through the app's own routes: a named
/// reporter's case in region 8 with a file, an anonymous case that is closed, a workshop with a
/// registration to check in, one already checked in and one to cancel, and a compiled summary
/// of <see cref="SummaryYear"/>. Every value is fresh, so runs on one Azurite do not meet.
/// </summary>
internal sealed class ExchangeContext
{
    /// <summary>A fiscal year far back (CE 2016-17), so that its compile is small and no other test compiles it.</summary>
    public const int SummaryYear = 2560;

    /// <summary>The seeded 2 July 2020 workshop: registration closed long ago.</summary>
    public const string PastWorkshopId = "nst-2563-0702";

    public const string CheckedInPhone = "0861234511";

    public required string TrackingCode { get; init; }
    public required string ComplaintId { get; init; }
    public required string AttachmentId { get; init; }
    public required string AnonymousComplaintId { get; init; }

    /// <summary>A case of its own for the transfer, which takes it out of region 8.</summary>
    public required string TransferredComplaintId { get; init; }
    public required string UnknownTrackingCode { get; init; }
    public required string UnknownComplaintId { get; init; }
    public required string UsedIdempotencyKey { get; init; }
    public required string WorkshopId { get; init; }
    public required string CheckInCode { get; init; }
    public required string CheckedInCode { get; init; }
    public required string CancelCode { get; init; }

    /// <summary>A registration of its own, for the withdrawal of consent and the staff erasure (either order answers 200).</summary>
    public required string WithdrawCode { get; init; }
    public required string WithdrawRegistrationId { get; init; }
    public required string CheckedInRegistrationId { get; init; }
    public required string AnonymousTrackingCode { get; init; }

    /// <summary>A named reporter's case under a legal hold.</summary>
    public required string HeldTrackingCode { get; init; }
    public required string HeldComplaintId { get; init; }
    public required string EmailNoticesTrackingCode { get; init; }
    public required string EmailConfirmationCode { get; init; }

    public static object AnonymousTip(string description) =>
        new { category = "bribery", province = "TH-80", agency = "องค์การบริหารส่วนตำบลทดสอบเอกสาร", description, anonymous = true };

    public static object Person(string fullName, string phone) => new { fullName, province = "TH-80", phone, consent = true };

    public static object NewWorkshop()
    {
        var starts = DateTimeOffset.UtcNow.AddDays(45).ToOffset(TimeSpan.FromHours(7));
        return new
        {
            title = "อบรมการเฝ้าระวังการทุจริตเชิงรุก (ทดสอบเอกสาร OpenAPI)",
            province = "TH-80",
            venue = "ศาลากลางจังหวัดนครศรีธรรมราช",
            startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            capacity = 30,
            registrationDeadline = starts.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
    }

    public static async Task<ExchangeContext> CreateAsync(AppHost app)
    {
        var summary = TestSummaries.CompileAsync(app, SummaryYear);
        var workshop = WorkshopAsync(app);
        var idempotencyKey = "openapi-" + Guid.NewGuid().ToString("N");
        var replayed = app.PostJsonAsync("api/complaints", AnonymousTip("เรื่องแรกที่ส่งพร้อมคีย์กันส่งซ้ำ เพื่อทดสอบคีย์ที่ใช้แล้ว"), idempotencyKey: idempotencyKey);

        var attachmentId = await app.UploadAsync(Evidence.Png, "ใบเสร็จ.png");
        var named = await SubmitAsync(app, new
        {
            category = "procurement",
            province = "TH-80",
            agency = "เทศบาลนครนครศรีธรรมราช",
            accusedName = "นายสมมติ ตัวอย่าง",
            accusedPosition = "ผู้อำนวยการกองช่าง",
            subject = "แบ่งซื้อแบ่งจ้าง",
            description = "มีการแบ่งซื้อแบ่งจ้างวัสดุก่อสร้างเพื่อหลีกเลี่ยงการประกวดราคา",
            incidentDate = "2024-03-15",
            location = new { latitude = 8.43, longitude = 99.96 },
            amountThb = 450000.5,
            anonymous = false,
            reporter = new { name = "สมหญิง ใจกล้า", phone = "0812345678" },
            consent = true,
            attachmentIds = new[] { attachmentId },
        });
        var anonymous = await SubmitAsync(app, AnonymousTip("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง"));
        var transferred = await SubmitAsync(app, AnonymousTip("เรื่องที่ส่งผิดเขต ต้องโอนไปยังเขตที่รับผิดชอบ"));
        var held = await SubmitAsync(app, new
        {
            category = "bribery", province = "TH-80", agency = "เทศบาลเมืองทดสอบการระงับ",
            description = "เรื่องที่ศาลสั่งให้เก็บรักษาพยานหลักฐานไว้ระหว่างพิจารณาคดี", anonymous = false, consent = true,
            reporter = new { name = "สมชาย ผู้แจ้งคดี", email = "held.reporter@example.com" },
        });
        var mailed = await SubmitAsync(app, new
        {
            category = "bribery", province = "TH-80", agency = "เทศบาลเมืองทดสอบการแจ้งทางอีเมล",
            description = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต ผู้แจ้งขอรับแจ้งทางอีเมล", anonymous = false, consent = true,
            reporter = new { name = "สมศรี ผู้แจ้งทางอีเมล", email = "mailed.reporter@example.com", notifyByEmail = true },
        });
        // This host sends no mail, so no code went: the case is put where the confirmation mail leaves it.
        var emailNotices = app.Service<ReporterEmailNotices>();
        Assert.True(await emailNotices.AwaitConfirmationAsync(mailed.Id, CancellationToken.None));
        var hold = await app.StaffAsync(HttpMethod.Put, $"api/staff/complaints/{held.Id}/legal-hold", new { hold = true, reason = "คดีอยู่ระหว่างการพิจารณาของศาล" }, StaffRoles.ComplaintsManage);
        Assert.Equal(System.Net.HttpStatusCode.OK, hold.StatusCode);
        var closed = await app.StaffAsync(HttpMethod.Patch, $"api/staff/complaints/{anonymous.Id}/status", new { status = "closed", note = "ตรวจสอบแล้วไม่พบมูล" }, StaffRoles.ComplaintsManage);
        Assert.Equal(System.Net.HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await replayed).StatusCode);

        var (workshopId, checkIn, checkedIn, cancel, withdraw) = await workshop;
        var hasher = app.Service<Core.Privacy.KeyedHasher>();
        await summary;
        return new ExchangeContext
        {
            TrackingCode = named.Code,
            ComplaintId = named.Id,
            AttachmentId = attachmentId,
            AnonymousComplaintId = anonymous.Id,
            TransferredComplaintId = transferred.Id,
            UnknownTrackingCode = MistypedCode(app.Service<TrackingCodes>()),
            UnknownComplaintId = ComplaintIds.New(DateTimeOffset.UtcNow),
            UsedIdempotencyKey = idempotencyKey,
            WorkshopId = workshopId,
            CheckInCode = checkIn,
            CheckedInCode = checkedIn,
            CancelCode = cancel,
            WithdrawCode = withdraw,
            WithdrawRegistrationId = Core.Workshops.RegistrationCodes.Hash(hasher, withdraw),
            CheckedInRegistrationId = Core.Workshops.RegistrationCodes.Hash(hasher, checkedIn),
            AnonymousTrackingCode = anonymous.Code,
            HeldTrackingCode = held.Code,
            HeldComplaintId = held.Id,
            EmailNoticesTrackingCode = mailed.Code,
            EmailConfirmationCode = emailNotices.ConfirmationCodeOf(mailed.Id),
        };
    }

    /// <summary>
    /// A code with one symbol changed, as a reporter mistypes it: its check fails, so every route
    /// answers it as unknown. (A code given out at intake whose complaint is not stored yet is
    /// "received" while it may still be on the queue: see StoringWindowTests.)
    /// </summary>
    private static string MistypedCode(TrackingCodes codes)
    {
        var code = codes.New();
        foreach (var symbol in "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        {
            var mistyped = symbol + code[1..];
            if (mistyped != code && TrackingCodes.TryNormalize(mistyped, out var canonical) && !codes.IsAuthentic(canonical))
            {
                return mistyped;
            }
        }

        throw new InvalidOperationException("every one-symbol change of " + code + " passed the check");
    }

    /// <summary>Sends a tip and waits until it is stored: its tracking code and complaint id.</summary>
    private static async Task<(string Code, string Id)> SubmitAsync(AppHost app, object tip)
    {
        var response = await app.PostJsonAsync("api/complaints", tip);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var stored = await Eventually.GetAsync(async () => (await app.ComplaintsWithCodeAsync(code)).FirstOrDefault(), TimeSpan.FromSeconds(20), "the complaint stored");
        return (code, stored.ComplaintId);
    }

    /// <summary>A new workshop with four confirmed registrations: one to check in, one checked in, one to cancel, one to withdraw.</summary>
    private static async Task<(string Id, string CheckIn, string CheckedIn, string Cancel, string Withdraw)> WorkshopAsync(AppHost app)
    {
        var id = await TestWorkshops.CreateAsync(app.Client, capacity: 10, title: "อบรมเชิงปฏิบัติการสำหรับการทดสอบเอกสาร OpenAPI");
        async Task<string> RegisterAsync(string name, string phone)
        {
            var response = await app.PostJsonAsync($"api/workshops/{id}/registrations", Person(name, phone));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
            await Eventually.GetAsync(
                async () => (await TestWorkshops.LookupAsync(app.Client, code)).GetProperty("status").GetString() == "confirmed" ? code : null,
                TimeSpan.FromSeconds(20),
                "the registration confirmed");
            return code;
        }

        var codes = await Task.WhenAll(RegisterAsync("ผู้เข้าอบรม หนึ่ง", "0861234510"), RegisterAsync("ผู้เข้าอบรม สอง", CheckedInPhone), RegisterAsync("ผู้เข้าอบรม สาม", "0861234512"), RegisterAsync("ผู้เข้าอบรม สี่", "0861234513"));
        var checkedIn = await app.StaffAsync(HttpMethod.Post, $"api/staff/workshops/{id}/checkins", new { confirmationCode = codes[1] }, StaffRoles.WorkshopsManage);
        Assert.Equal(System.Net.HttpStatusCode.OK, checkedIn.StatusCode);
        return (id, codes[0], codes[1], codes[2], codes[3]);
    }
}
