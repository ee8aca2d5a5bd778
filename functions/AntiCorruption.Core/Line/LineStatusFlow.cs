using System.Text.Json;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Tracking;
using static AntiCorruption.Core.Line.LineQuickReplyItem;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The bot's case check: the user sends a tracking code and gets the reporter's view, with days
/// and no times, rate-limited per LINE user like the web lookup is per client. A message that is a
/// tracking code is a case check at any point of any conversation, which then carries on.
/// </summary>
public sealed class LineStatusFlow(LineConversationStore conversations, ReferenceCatalog catalog, ComplaintStatusQuery status, TrackingCodes trackingCodes, ClientRateLimits limits)
{
    public async Task<IReadOnlyList<LineMessage>> StartAsync(string userKey, CancellationToken cancellationToken)
    {
        var c = new LineConversation { Flow = "status", Step = "code" };
        await conversations.SaveAsync(userKey, c, cancellationToken);
        return LinePrompts.Ask(c, catalog);
    }

    /// <summary>
    /// Whether a message is a tracking code and nothing else: such a message is a case check at any
    /// step of any conversation. A tip's description that merely contains a code is not one.
    /// </summary>
    public bool IsTrackingCode(string? text) =>
        text is { Length: <= 64 } && TrackingCodes.TryNormalize(text, out var code) && trackingCodes.IsAuthentic(code);

    /// <summary>
    /// A tracking code sent in the middle of another conversation: the case's status, then that
    /// conversation's question again, where it was.
    /// </summary>
    public async Task<IReadOnlyList<LineMessage>> AnswerAnywhereAsync(string userKey, LineConversation conversation, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Flow is "" or "status")
        {
            return (await AnswerAsync(userKey, text, cancellationToken))!;
        }

        var answer = await LookUpAsync(userKey, text, cancellationToken);
        return [.. answer.Messages, .. LinePrompts.Ask(conversation, catalog)];
    }

    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(string userKey, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return null;
        }

        var answer = await LookUpAsync(userKey, text, cancellationToken);
        if (!answer.Found)
        {
            return answer.Messages;
        }

        await conversations.ForgetAsync(userKey, cancellationToken);
        return [LineMessage.Say(answer.Messages[0].Text, Menu)];
    }

    private async Task<(bool Found, IReadOnlyList<LineMessage> Messages)> LookUpAsync(string userKey, string text, CancellationToken cancellationToken)
    {
        if (await limits.TryAcquireAsync(RateLimitedAction.Lookup, "line:" + userKey, cancellationToken) is { Allowed: false } limited)
        {
            return (false, [LineMessage.Say($"ตรวจสอบบ่อยเกินไปค่ะ กรุณาลองใหม่ในอีก {Math.Ceiling(limited.RetryAfter.TotalMinutes)} นาที")]);
        }

        using var body = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new { trackingCode = text }));
        var found = await status.FindAsync(body.RootElement, cancellationToken);
        if (found is not StatusResult.Found { View: var view })
        {
            return (false, [LineMessage.Say("ไม่พบเรื่องที่ตรงกับรหัสนี้ค่ะ กรุณาตรวจสอบรหัส 20 ตัวอักษรอีกครั้ง", Message(Cancel))]);
        }

        return (true, [LineMessage.Say(LineStatusText.Of(view))]);
    }
}
