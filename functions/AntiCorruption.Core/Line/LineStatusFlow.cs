using System.Text.Json;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using static AntiCorruption.Core.Line.LineQuickReplyItem;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The bot's case check: the user sends a tracking code and gets the reporter's view, with days
/// and no times, rate-limited per LINE user like the web lookup is per client.
/// </summary>
public sealed class LineStatusFlow(LineConversationStore conversations, ReferenceCatalog catalog, ComplaintStatusQuery status, ClientRateLimits limits)
{
    public async Task<IReadOnlyList<LineMessage>> StartAsync(string userKey, CancellationToken cancellationToken)
    {
        var c = new LineConversation { Flow = "status", Step = "code" };
        await conversations.SaveAsync(userKey, c, cancellationToken);
        return LinePrompts.Ask(c, catalog);
    }

    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(string userKey, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return null;
        }

        if (await limits.TryAcquireAsync(RateLimitedAction.Lookup, "line:" + userKey, cancellationToken) is { Allowed: false } limited)
        {
            return [LineMessage.Say($"ตรวจสอบบ่อยเกินไปค่ะ กรุณาลองใหม่ในอีก {Math.Ceiling(limited.RetryAfter.TotalMinutes)} นาที")];
        }

        using var body = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new { trackingCode = text }));
        var found = await status.FindAsync(body.RootElement, cancellationToken);
        if (found is not StatusResult.Found { View: var view })
        {
            return [LineMessage.Say("ไม่พบเรื่องที่ตรงกับรหัสนี้ค่ะ กรุณาตรวจสอบรหัส 20 ตัวอักษรอีกครั้ง", Message(Cancel))];
        }

        await conversations.ForgetAsync(userKey, cancellationToken);
        return [LineMessage.Say(LineStatusText.Of(view), Menu)];
    }
}
