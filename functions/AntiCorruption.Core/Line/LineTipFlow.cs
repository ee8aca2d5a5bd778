using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using static AntiCorruption.Core.Line.LineQuickReplyItem;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The bot's tip: category, region and province, agency, what happened, photos, a location,
/// anonymous or named, a summary to confirm, and last whether to be told by LINE when there is news;
/// then the same intake as the web form. A reporter who stays anonymous and says no leaves no link
/// from their LINE id to the complaint: the id is never put in the complaint, and the conversation
/// is deleted once the tip is sent. Only a yes keeps a link, sealed, and the question is asked
/// before the tip is queued, so there is never a queued tip whose link waits for an answer.
/// </summary>
public sealed class LineTipFlow(LineConversationStore conversations, LineClient line, ReferenceCatalog catalog, ComplaintIntake complaints, EvidenceIntake evidence, LineNotifyLinks notifyLinks)
{
    /// <summary>
    /// Said before every tip: the app keeps no link from a tip to the LINE account (unless the
    /// reporter asks to be told of news at the end), but LINE
    /// itself (and the account's operators) can see which account wrote to the official account,
    /// so a reporter who must not be known at all is pointed to the web form or the hotline.
    /// </summary>
    private static readonly LineMessage VisibleToLine = LineMessage.Say(
        "ก่อนเริ่ม โปรดทราบ: ระบบนี้ไม่เก็บว่าเบาะแสมาจากบัญชี LINE ใด (เว้นแต่ท่านขอให้แจ้งทาง LINE เมื่อเรื่องมีความคืบหน้า) แต่ LINE เองและผู้ดูแลบัญชีทางการนี้เห็นได้ว่าบัญชีของท่านส่งข้อความมาที่นี่\nหากไม่ต้องการให้ใครรู้ว่าท่านติดต่อมาเลย โปรดใช้แบบฟอร์มแจ้งเบาะแสบนเว็บไซต์ของสำนักงาน ป.ป.ท. (ไม่ต้องเข้าสู่ระบบ) หรือโทรสายด่วน 1206");

    public async Task<IReadOnlyList<LineMessage>> StartAsync(string userKey, CancellationToken cancellationToken) =>
        [VisibleToLine, .. await SaveAndAskAsync(userKey, new LineConversation { Flow = "report", Step = "category" }, cancellationToken)];

    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(string userKey, LineConversation c, LineEvent e, string? text, CancellationToken cancellationToken)
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
            case "region" or "province" when text is not null && LineAnswers.FindProvince(catalog, text) is { } typed:
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
                if (!LineAnswers.ReadContact(c, text))
                {
                    return [LinePrompts.BadContact];
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
                c.Step = "notify";
                break;
            case "notify" when postback is NotifyYes || text == WantNews:
                return await SubmitAsync(userKey, c, e.UserId!, notify: true, cancellationToken);
            case "notify" when postback is NotifyNo || text == NoNews:
                return await SubmitAsync(userKey, c, e.UserId!, notify: false, cancellationToken);
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

        // The same way in as a web upload: checked, cleaned of its metadata, sealed.
        var content = await line.GetContentAsync(messageId, AttachmentLimits.MaxBytes, cancellationToken);
        if (content is null || await evidence.AcceptAsync(content, cancellationToken) is not EvidenceResult.Stored { Info: var stored })
        {
            return [LineMessage.Say("รับไฟล์นี้ไม่ได้ค่ะ (รับรูปภาพ JPEG, PNG, WebP, HEIC ไม่เกิน 10 MB)", Message(Next))];
        }

        c.AttachmentIds.Add(stored.AttachmentId);
        await conversations.SaveAsync(userKey, c, cancellationToken);
        return [LineMessage.Say($"ได้รับรูปที่ {c.AttachmentIds.Count} แล้วค่ะ ส่งเพิ่มได้ หรือกด \"{Next}\"", Message(Next))];
    }

    private async Task<IReadOnlyList<LineMessage>> SubmitAsync(string userKey, LineConversation c, string userId, bool notify, CancellationToken cancellationToken)
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
        // Only with the reporter's yes: the case keeps their LINE id sealed, and their list of
        // linked cases (under the keyed hash) names it before the tip is queued.
        var link = notify ? new NotifyLink(id => notifyLinks.Seal(id, userId), (id, ct) => notifyLinks.AddAsync(userKey, id, ct)) : null;
        var result = await complaints.SubmitAsync(document.RootElement, raw, null, ComplaintChannel.Line, client: null, link, cancellationToken);
        if (result is IntakeResult.Invalid invalid)
        {
            var problems = string.Join("\n", invalid.Errors.In(Language.Thai).Select(p => $"- {p.Key}: {string.Join(" ", p.Value)}"));
            return [LineMessage.Say($"ยังส่งเรื่องไม่ได้ค่ะ:\n{problems}\nพิมพ์ \"{Cancel}\" เพื่อเริ่มใหม่")];
        }

        // The reporter's receipt, with dates only: LINE sees every message the bot sends.
        var receipt = ReporterReceipt.Of(((IntakeResult.Accepted)result).Receipt);
        await conversations.ForgetAsync(userKey, cancellationToken);
        return
        [
            LineMessage.Say("ได้รับเรื่องของท่านแล้วค่ะ รหัสติดตามเรื่องคือ"),
            LineMessage.Say(receipt.TrackingCode),
            LineMessage.Say($"โปรดจดหรือบันทึกรหัสนี้ไว้ให้ดี เป็นทางเดียวในการติดตามเรื่องและตอบคำถามของเจ้าหน้าที่ และอย่าส่งต่อให้ผู้อื่น\nเจ้าหน้าที่จะรับเรื่องภายใน {ThaiCalendar.Format(receipt.AcknowledgeBy)}{(notify ? LinePrompts.NotifyOn : "")}", Menu),
        ];
    }

    /// <summary>Saves the conversation and asks the question of its current step.</summary>
    private async Task<IReadOnlyList<LineMessage>> SaveAndAskAsync(string userKey, LineConversation c, CancellationToken cancellationToken)
    {
        await conversations.SaveAsync(userKey, c, cancellationToken);
        return LinePrompts.Ask(c, catalog);
    }
}
