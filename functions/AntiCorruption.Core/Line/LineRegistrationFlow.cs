using System.Text.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using static AntiCorruption.Core.Line.LineQuickReplyItem;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The bot's workshop registration: pick one of the soonest open workshops, give a name, a phone
/// or email and a province, consent; then the same intake as the web page.
/// </summary>
public sealed class LineRegistrationFlow(LineConversationStore conversations, WorkshopCatalog workshops, RegistrationIntake registrations, ReferenceCatalog catalog)
{
    public async Task<IReadOnlyList<LineMessage>> StartAsync(string userKey, CancellationToken cancellationToken)
    {
        var open = (await workshops.ListOpenAsync(cancellationToken)).Take(13).ToArray();
        if (open.Length == 0)
        {
            await conversations.ForgetAsync(userKey, cancellationToken);
            return [LineMessage.Say("ขณะนี้ยังไม่มีการอบรมที่เปิดรับสมัครค่ะ", Menu)];
        }

        await conversations.SaveAsync(userKey, new LineConversation { Flow = "register", Step = "workshop" }, cancellationToken);
        var list = string.Join("\n", open.Select((w, i) => $"{i + 1}. {w.Title} ({ThaiCalendar.Format(w.StartsAt)}, {w.Venue}) เหลือ {w.SeatsRemaining} ที่"));
        return [LineMessage.Say($"การอบรมที่เปิดรับสมัคร:\n{list}\nเลือกรายการด้านล่างค่ะ", [.. open.Select((w, i) => Postback($"{i + 1}. {w.Title}", "ws:" + w.Id))])];
    }

    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(string userKey, LineConversation c, LineEvent e, string? text, CancellationToken cancellationToken)
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
                if (!LineAnswers.ReadContact(c, text))
                {
                    return [LinePrompts.BadContact];
                }

                c.Step = "province";
                break;
            case "province" when text is not null && LineAnswers.FindProvince(catalog, text) is { } province:
                c.Province = province.Code;
                c.Step = "consent";
                break;
            case "consent" when text == Agree:
                return await SubmitRegistrationAsync(userKey, c, cancellationToken);
            default:
                return null;
        }

        await conversations.SaveAsync(userKey, c, cancellationToken);
        return LinePrompts.Ask(c, catalog);
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
}
