using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using static AntiCorruption.Core.Line.LineQuickReplyItem;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The Thai conversations of the LINE Official Account: report a tip, check a case, register for
/// a workshop. Tips and registrations go through the same intake as the web, so they are
/// validated, queued and stored the same way. A reporter who stays anonymous leaves no link from
/// their LINE id to the complaint: the id is never put in the complaint, and the conversation is
/// deleted once the tip is sent.
/// </summary>
public sealed class LineBot(
    LineConversationStore conversations,
    LineClient line,
    ReferenceCatalog catalog,
    ComplaintIntake complaints,
    ComplaintStatusQuery status,
    AttachmentStore attachments,
    WorkshopCatalog workshops,
    RegistrationIntake registrations,
    ClientRateLimits limits)
{
    private const string Report = "แจ้งเบาะแส";
    private const string Track = "ติดตามเรื่อง";
    private const string Workshop = "ลงทะเบียนอบรม";
    private const string Cancel = "ยกเลิก";
    private const string Next = "ถัดไป";
    private const string Skip = "ข้าม";
    private const string Confirm = "ยืนยันส่ง";
    private const string Agree = "ยินยอม";

    private static readonly LineQuickReplyItem[] Menu = [Message(Report), Message(Track), Message(Workshop)];

    /// <summary>What to answer to one event (nothing for events the bot does not answer).</summary>
    public async Task<IReadOnlyList<LineMessage>> HandleAsync(LineEvent lineEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lineEvent);
        if (lineEvent.UserId is null || lineEvent.Type is not ("follow" or "message" or "postback"))
        {
            return [];
        }

        var userKey = conversations.UserKey(lineEvent.UserId);
        if (lineEvent.Type == "follow")
        {
            await conversations.ForgetAsync(userKey, cancellationToken);
            return [LineMessage.Say("สวัสดีค่ะ ที่นี่คือช่องทางแจ้งเบาะแสการทุจริตในภาครัฐของสำนักงาน ป.ป.ท. (สายด่วน 1206)\nข้อมูลของท่านจะถูกเก็บเป็นความลับ และท่านเลือกไม่เปิดเผยตัวตนได้\nเลือกสิ่งที่ต้องการได้เลยค่ะ", Menu)];
        }

        var text = lineEvent.Message?.Type == "text" ? lineEvent.Message.Text?.Trim() : null;
        var conversation = await conversations.LoadAsync(userKey, cancellationToken);
        switch (text)
        {
            case Cancel:
                await conversations.ForgetAsync(userKey, cancellationToken);
                return [LineMessage.Say("ยกเลิกแล้ว ข้อมูลที่กรอกไว้ถูกลบทั้งหมด", Menu)];
            case Report:
                return await SaveAndAskAsync(userKey, new LineConversation { Flow = "report", Step = "category" }, cancellationToken);
            case Track:
                return await SaveAndAskAsync(userKey, new LineConversation { Flow = "status", Step = "code" }, cancellationToken);
            case Workshop:
                return await StartRegistrationAsync(userKey, cancellationToken);
        }

        var answer = conversation.Flow switch
        {
            "report" => await ReportAsync(userKey, conversation, lineEvent, text, cancellationToken),
            "status" => await StatusAsync(userKey, lineEvent, text, cancellationToken),
            "register" => await RegisterAsync(userKey, conversation, lineEvent, text, cancellationToken),
            _ => null,
        };
        return answer ?? [LineMessage.Say("ขออภัยค่ะ ไม่เข้าใจข้อความนี้ เลือกเมนูด้านล่างได้เลย หรือพิมพ์ \"ยกเลิก\" เพื่อเริ่มใหม่", Menu)];
    }

    private async Task<IReadOnlyList<LineMessage>?> ReportAsync(string userKey, LineConversation c, LineEvent e, string? text, CancellationToken cancellationToken)
    {
        var postback = e.PostbackData;
        switch (c.Step)
        {
            case "category" when postback?.StartsWith("cat:", StringComparison.Ordinal) == true && catalog.FindCategory(postback[4..]) is not null:
                c.Category = postback[4..];
                c.Step = "region";
                break;
            case "region" when postback?.StartsWith("region:", StringComparison.Ordinal) == true && int.TryParse(postback[7..], CultureInfo.InvariantCulture, out var region):
                c.Region = region;
                c.Step = "province";
                break;
            case "region" or "province" when text is not null && FindProvinceByName(text) is { } typed:
                c.Province = typed.Code;
                c.Step = "agency";
                break;
            case "province" when postback?.StartsWith("prov:", StringComparison.Ordinal) == true && catalog.FindProvince(postback[5..]) is not null:
                c.Province = postback[5..];
                c.Step = "agency";
                break;
            case "agency" when text is { Length: > 0 and <= ComplaintLimits.Agency }:
                c.Agency = text;
                c.Step = "description";
                break;
            case "description" when text is not null:
                if (text.Length < ComplaintLimits.DescriptionMin)
                {
                    return [LineMessage.Say($"ขอรายละเอียดเพิ่มอีกนิดค่ะ อย่างน้อย {ComplaintLimits.DescriptionMin} ตัวอักษร: เกิดอะไรขึ้น ที่ไหน เมื่อไร ใครเกี่ยวข้อง")];
                }

                c.Description = text.Length > ComplaintLimits.DescriptionMax ? text[..ComplaintLimits.DescriptionMax] : text;
                c.Step = "photos";
                break;
            case "photos" when e.Message?.Type == "image":
                return await AddPhotoAsync(userKey, c, e.Message.Id, cancellationToken);
            case "photos" when text == Next:
                c.Step = "location";
                break;
            case "location" when e.Message?.Type == "location":
                c.Latitude = e.Message.Latitude;
                c.Longitude = e.Message.Longitude;
                c.Step = "anonymous";
                break;
            case "location" when text == Skip:
                c.Step = "anonymous";
                break;
            case "anonymous" when postback is "anon:yes":
                c.Anonymous = true;
                c.Name = c.Phone = c.Email = null;
                c.Step = "confirm";
                break;
            case "anonymous" when postback is "anon:no":
                c.Anonymous = false;
                c.Step = "name";
                break;
            case "name" when text is { Length: > 0 and <= ComplaintLimits.ShortText }:
                c.Name = text;
                c.Step = "contact";
                break;
            case "contact" when text is not null:
                if (!ReadContact(c, text))
                {
                    return [LineMessage.Say("เบอร์โทรศัพท์หรืออีเมลไม่ถูกต้องค่ะ เช่น 081 234 5678 หรือ name@example.com")];
                }

                c.Step = "consent";
                break;
            case "consent" when text == Agree:
                c.Step = "confirm";
                break;
            case "consent" when text is not null:
                c.Step = "anonymous";
                break;
            case "confirm" when text == Confirm:
                return await SubmitComplaintAsync(userKey, c, e.UserId!, cancellationToken);
            default:
                return null;
        }

        return await SaveAndAskAsync(userKey, c, cancellationToken);
    }

    private async Task<IReadOnlyList<LineMessage>> AddPhotoAsync(string userKey, LineConversation c, string messageId, CancellationToken cancellationToken)
    {
        if (c.AttachmentIds.Count >= ComplaintLimits.Attachments)
        {
            return [LineMessage.Say($"แนบได้สูงสุด {ComplaintLimits.Attachments} รูปค่ะ กด \"{Next}\" เพื่อไปต่อ", Message(Next))];
        }

        var content = await line.GetContentAsync(messageId, cancellationToken);
        var type = content.Length <= AttachmentLimits.MaxBytes ? FileSignatures.Detect(content) : null;
        if (type is null)
        {
            return [LineMessage.Say("รับไฟล์นี้ไม่ได้ค่ะ (รับรูปภาพ JPEG, PNG, WebP, HEIC ไม่เกิน 10 MB)", Message(Next))];
        }

        var stored = await attachments.AddAsync(content, type, cancellationToken);
        c.AttachmentIds.Add(stored.AttachmentId);
        await conversations.SaveAsync(userKey, c, cancellationToken);
        return [LineMessage.Say($"ได้รับรูปที่ {c.AttachmentIds.Count} แล้วค่ะ ส่งเพิ่มได้ หรือกด \"{Next}\"", Message(Next))];
    }

    private async Task<IReadOnlyList<LineMessage>> SubmitComplaintAsync(string userKey, LineConversation c, string userId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["category"] = c.Category,
            ["province"] = c.Province,
            ["agency"] = c.Agency,
            ["description"] = c.Description,
            ["anonymous"] = c.Anonymous == true,
            ["attachmentIds"] = new JsonArray(c.AttachmentIds.Select(id => (JsonNode?)id).ToArray()),
        };
        if (c.Latitude is not null && c.Longitude is not null)
        {
            body["location"] = new JsonObject { ["latitude"] = c.Latitude, ["longitude"] = c.Longitude };
        }

        if (c.Anonymous != true)
        {
            body["consent"] = true;
            body["reporter"] = new JsonObject { ["name"] = c.Name, ["phone"] = c.Phone, ["email"] = c.Email, ["lineUserId"] = userId };
        }

        var raw = JsonSerializer.SerializeToUtf8Bytes(body);
        using var document = JsonDocument.Parse(raw);
        var result = await complaints.SubmitAsync(document.RootElement, raw, null, ComplaintChannel.Line, client: null, cancellationToken);
        if (result is IntakeResult.Invalid invalid)
        {
            var problems = string.Join("\n", invalid.Errors.In(Language.Thai).Select(p => $"- {p.Key}: {string.Join(" ", p.Value)}"));
            return [LineMessage.Say($"ยังส่งเรื่องไม่ได้ค่ะ:\n{problems}\nพิมพ์ \"{Cancel}\" เพื่อเริ่มใหม่")];
        }

        var receipt = ((IntakeResult.Accepted)result).Receipt;
        await conversations.ForgetAsync(userKey, cancellationToken);
        return
        [
            LineMessage.Say("ได้รับเรื่องของท่านแล้วค่ะ รหัสติดตามเรื่องคือ"),
            LineMessage.Say(receipt.TrackingCode),
            LineMessage.Say($"โปรดจดหรือบันทึกรหัสนี้ไว้ให้ดี เป็นทางเดียวในการติดตามเรื่องและตอบคำถามของเจ้าหน้าที่ และอย่าส่งต่อให้ผู้อื่น\nเจ้าหน้าที่จะรับเรื่องภายใน {Date(receipt.AcknowledgeBy)}", Menu),
        ];
    }

    private async Task<IReadOnlyList<LineMessage>?> StatusAsync(string userKey, LineEvent e, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return null;
        }

        if (!limits.TryAcquire(RateLimitedAction.Lookup, "line:" + userKey, out var retryAfter))
        {
            return [LineMessage.Say($"ตรวจสอบบ่อยเกินไปค่ะ กรุณาลองใหม่ในอีก {Math.Ceiling(retryAfter.TotalMinutes)} นาที")];
        }

        using var body = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new { trackingCode = text }));
        var found = await status.FindAsync(body.RootElement, cancellationToken);
        if (found is not StatusResult.Found { View: var view })
        {
            return [LineMessage.Say("ไม่พบเรื่องที่ตรงกับรหัสนี้ค่ะ กรุณาตรวจสอบรหัส 20 ตัวอักษรอีกครั้ง", Message(Cancel))];
        }

        await conversations.ForgetAsync(userKey, cancellationToken);
        var lines = new StringBuilder($"สถานะ: {StatusTh(view.Status)}");
        if (view.ReceivedAt is { } received)
        {
            lines.Append(CultureInfo.InvariantCulture, $"\nรับเรื่องเมื่อ: {Date(received)}");
        }

        foreach (var note in view.History.Where(h => h.Note is not null))
        {
            lines.Append(CultureInfo.InvariantCulture, $"\n{Date(note.At!.Value)} {StatusTh(note.Status)}: {note.Note}");
        }

        foreach (var message in view.Messages.TakeLast(3))
        {
            lines.Append(CultureInfo.InvariantCulture, $"\n[{(message.From == "staff" ? "เจ้าหน้าที่" : "ท่าน")} {Date(message.At)}] {message.Text}");
        }

        return [LineMessage.Say(lines.ToString(), Menu)];
    }

    private async Task<IReadOnlyList<LineMessage>> StartRegistrationAsync(string userKey, CancellationToken cancellationToken)
    {
        var open = (await workshops.ListOpenAsync(cancellationToken)).Take(13).ToArray();
        if (open.Length == 0)
        {
            await conversations.ForgetAsync(userKey, cancellationToken);
            return [LineMessage.Say("ขณะนี้ยังไม่มีการอบรมที่เปิดรับสมัครค่ะ", Menu)];
        }

        await conversations.SaveAsync(userKey, new LineConversation { Flow = "register", Step = "workshop" }, cancellationToken);
        var list = string.Join("\n", open.Select((w, i) => $"{i + 1}. {w.Title} ({Date(w.StartsAt)}, {w.Venue}) เหลือ {w.SeatsRemaining} ที่"));
        return [LineMessage.Say($"การอบรมที่เปิดรับสมัคร:\n{list}\nเลือกรายการด้านล่างค่ะ", [.. open.Select((w, i) => Postback($"{i + 1}. {w.Title}", "ws:" + w.Id))])];
    }

    private async Task<IReadOnlyList<LineMessage>?> RegisterAsync(string userKey, LineConversation c, LineEvent e, string? text, CancellationToken cancellationToken)
    {
        switch (c.Step)
        {
            case "workshop" when e.PostbackData?.StartsWith("ws:", StringComparison.Ordinal) == true:
                c.WorkshopId = e.PostbackData[3..];
                c.Step = "name";
                break;
            case "name" when text is { Length: > 0 and <= 200 }:
                c.Name = text;
                c.Step = "contact";
                break;
            case "contact" when text is not null:
                if (!ReadContact(c, text))
                {
                    return [LineMessage.Say("เบอร์โทรศัพท์หรืออีเมลไม่ถูกต้องค่ะ เช่น 081 234 5678 หรือ name@example.com")];
                }

                c.Step = "province";
                break;
            case "province" when text is not null && FindProvinceByName(text) is { } province:
                c.Province = province.Code;
                c.Step = "consent";
                break;
            case "consent" when text == Agree:
                return await SubmitRegistrationAsync(userKey, c, cancellationToken);
            default:
                return null;
        }

        return await SaveAndAskAsync(userKey, c, cancellationToken);
    }

    private async Task<IReadOnlyList<LineMessage>> SubmitRegistrationAsync(string userKey, LineConversation c, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new { fullName = c.Name, province = c.Province, phone = c.Phone, email = c.Email, consent = true }));
        // No retry key: the event processor already answers a redelivered LINE event only once.
        var result = await registrations.RegisterAsync(c.WorkshopId!, body.RootElement, retry: null, cancellationToken);
        await conversations.ForgetAsync(userKey, cancellationToken);
        return result switch
        {
            RegisterResult.Accepted { Receipt: var r } => Registered(r),
            // Never the code: whoever typed these details may not be the person who registered.
            RegisterResult.AlreadyRegistered => [LineMessage.Say(Messages.AlreadyRegistered.Thai, Menu)],
            RegisterResult.Closed => [LineMessage.Say("การอบรมนี้ปิดรับสมัครแล้วค่ะ", Menu)],
            RegisterResult.Invalid { Errors: var errors } => [LineMessage.Say("ข้อมูลไม่ครบหรือไม่ถูกต้องค่ะ: " + string.Join(", ", errors.In(Language.Thai).SelectMany(p => p.Value)), Menu)],
            _ => [LineMessage.Say("ไม่พบการอบรมนี้ค่ะ", Menu)],
        };
    }

    private static IReadOnlyList<LineMessage> Registered(RegistrationReceipt receipt) =>
    [
        LineMessage.Say("ลงทะเบียนแล้วค่ะ รหัสยืนยันของท่านคือ"),
        LineMessage.Say(receipt.ConfirmationCode),
        LineMessage.Say("แสดงรหัสนี้ที่จุดลงทะเบียนหน้างาน ผลว่าได้ที่นั่งหรืออยู่ในรายชื่อสำรองตรวจสอบได้ด้วยรหัสนี้", Menu),
    ];

    /// <summary>Saves the conversation and asks the question of its current step.</summary>
    private async Task<IReadOnlyList<LineMessage>> SaveAndAskAsync(string userKey, LineConversation c, CancellationToken cancellationToken)
    {
        await conversations.SaveAsync(userKey, c, cancellationToken);
        var cancel = Message(Cancel);
        return (c.Flow, c.Step) switch
        {
            ("report", "category") => [LineMessage.Say("เรื่องที่จะแจ้งเป็นเรื่องประเภทใดคะ", [.. catalog.Categories.Select(x => Postback(x.NameTh, "cat:" + x.Id)), cancel])],
            ("report", "region") => [LineMessage.Say("เหตุเกิดที่จังหวัดใดคะ พิมพ์ชื่อจังหวัด หรือเลือกเขตก่อน", [.. catalog.Regions.Select(r => Postback(r.Id == 0 ? "กรุงเทพมหานคร" : $"เขต {r.Id}", "region:" + r.Id.ToString(CultureInfo.InvariantCulture))), cancel])],
            ("report", "province") => [LineMessage.Say("เลือกจังหวัดค่ะ", [.. catalog.Provinces.Where(p => p.PaccRegion == c.Region).Select(p => Postback(p.NameTh, "prov:" + p.Code)), cancel])],
            ("report", "agency") => [LineMessage.Say("หน่วยงานที่เกี่ยวข้องคือหน่วยงานใดคะ (เช่น อบต. ท่าศาลา)", cancel)],
            ("report", "description") => [LineMessage.Say("เล่าเหตุการณ์ที่เกิดขึ้นค่ะ: เกิดอะไรขึ้น ที่ไหน เมื่อไร ใครเกี่ยวข้อง", cancel)],
            ("report", "photos") => [LineMessage.Say($"มีรูปภาพหลักฐานไหมคะ ส่งได้สูงสุด {ComplaintLimits.Attachments} รูป แล้วกด \"{Next}\"", Message(Next), cancel)],
            ("report", "location") => [LineMessage.Say("ส่งตำแหน่งที่เกิดเหตุได้ค่ะ (ถ้ามี)", Location("ส่งตำแหน่ง"), Message(Skip), cancel)],
            ("report", "anonymous") => [LineMessage.Say("ต้องการเปิดเผยตัวตนกับเจ้าหน้าที่หรือไม่คะ ถ้าไม่เปิดเผย เรื่องของท่านจะไม่ผูกกับบัญชี LINE นี้", Postback("ไม่เปิดเผยตัวตน", "anon:yes"), Postback("เปิดเผยตัวตน", "anon:no"), cancel)],
            ("report" or "register", "name") => [LineMessage.Say("ชื่อ-นามสกุลของท่านคะ", cancel)],
            ("report" or "register", "contact") => [LineMessage.Say("เบอร์โทรศัพท์หรืออีเมลสำหรับติดต่อกลับคะ", cancel)],
            ("report", "consent") => [LineMessage.Say("สำนักงาน ป.ป.ท. จะใช้ชื่อและช่องทางติดต่อของท่านเพื่อดำเนินการเรื่องร้องเรียนนี้เท่านั้น และเก็บรักษาเป็นความลับตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ท่านยินยอมหรือไม่คะ", Message(Agree), Message("ไม่ยินยอม"), cancel)],
            ("report", "confirm") => [LineMessage.Say(Summary(c), Message(Confirm), cancel)],
            ("status", "code") => [LineMessage.Say("พิมพ์รหัสติดตามเรื่อง 20 ตัวอักษรที่ได้รับตอนแจ้งเรื่องค่ะ", cancel)],
            ("register", "province") => [LineMessage.Say("หน่วยงานของท่านอยู่จังหวัดใดคะ (พิมพ์ชื่อจังหวัด)", cancel)],
            ("register", "consent") => [LineMessage.Say("สำนักงาน ป.ป.ท. จะใช้ข้อมูลของท่านเพื่อการลงทะเบียนและเช็กอินการอบรมนี้เท่านั้น ท่านยินยอมหรือไม่คะ", Message(Agree), cancel)],
            _ => [LineMessage.Say("เลือกเมนูได้เลยค่ะ", Menu)],
        };
    }

    private string Summary(LineConversation c)
    {
        var text = new StringBuilder("ตรวจสอบก่อนส่งค่ะ\n");
        text.Append(CultureInfo.InvariantCulture, $"ประเภท: {catalog.FindCategory(c.Category!)?.NameTh}\n");
        text.Append(CultureInfo.InvariantCulture, $"จังหวัด: {catalog.FindProvince(c.Province!)?.NameTh}\n");
        text.Append(CultureInfo.InvariantCulture, $"หน่วยงาน: {c.Agency}\n");
        text.Append(CultureInfo.InvariantCulture, $"รายละเอียด: {(c.Description!.Length > 200 ? c.Description[..200] + "…" : c.Description)}\n");
        text.Append(CultureInfo.InvariantCulture, $"รูปภาพ: {c.AttachmentIds.Count} รูป{(c.Latitude is null ? "" : ", มีตำแหน่ง")}\n");
        text.Append(c.Anonymous == true ? "ผู้แจ้ง: ไม่เปิดเผยตัวตน" : $"ผู้แจ้ง: {c.Name} ({c.Phone ?? c.Email})");
        return text.ToString();
    }

    private static bool ReadContact(LineConversation c, string text)
    {
        if (ContactFormats.TryNormalizeThaiPhone(text, out var phone))
        {
            (c.Phone, c.Email) = (phone, null);
            return true;
        }

        var email = text.ToLowerInvariant();
        if (ContactFormats.IsEmail(email))
        {
            (c.Phone, c.Email) = (null, email);
            return true;
        }

        return false;
    }

    private Province? FindProvinceByName(string text)
    {
        var name = text.Replace("จังหวัด", "", StringComparison.Ordinal).Replace("จ.", "", StringComparison.Ordinal).Trim();
        return catalog.Provinces.FirstOrDefault(p => p.NameTh == name || string.Equals(p.NameEn, name, StringComparison.OrdinalIgnoreCase))
            ?? (name is "กทม" or "กทม." or "กรุงเทพ" or "กรุงเทพฯ" ? catalog.FindProvince("TH-10") : null);
    }

    private static string StatusTh(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Received => "ได้รับเรื่องแล้ว",
        ComplaintStatus.Registered => "ลงทะเบียนรับเรื่องแล้ว",
        ComplaintStatus.UnderReview => "อยู่ระหว่างตรวจสอบ",
        ComplaintStatus.Referred => "ส่งต่อหน่วยงานที่เกี่ยวข้องแล้ว",
        ComplaintStatus.Closed => "ยุติเรื่องแล้ว",
        _ => "ไม่รับไว้พิจารณา",
    };

    private static string Date(DateTimeOffset instant) => ThaiCalendar.Format(instant);
}
