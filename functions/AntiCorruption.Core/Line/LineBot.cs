using AntiCorruption.Core.Abuse;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The Thai conversations of the LINE Official Account, routed: the greeting, the words that start
/// or end a flow, and each message to the flow the user is in: a tip (<see cref="LineTipFlow"/>),
/// a case check (<see cref="LineStatusFlow"/>), a workshop registration
/// (<see cref="LineRegistrationFlow"/>), and the notification settings
/// (<see cref="LineNotificationFlow"/>). A tracking code or the stop word is understood at any step.
/// Tips and registrations go through the same intake as the
/// web, so they are validated, queued and stored the same way.
/// </summary>
public sealed class LineBot(
    LineConversationStore conversations,
    LineTipFlow tip,
    LineStatusFlow status,
    LineRegistrationFlow registering,
    LineNotificationFlow notifications,
    ClientRateLimits limits)
{
    /// <summary>What to answer to one event (nothing for events the bot does not answer).</summary>
    public async Task<IReadOnlyList<LineMessage>> HandleAsync(LineEvent lineEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lineEvent);
        if (lineEvent.UserId is null || lineEvent.Type is not ("follow" or "unfollow" or "message" or "postback"))
        {
            return [];
        }

        var userKey = conversations.UserKey(lineEvent.UserId);
        if (lineEvent.Type == "unfollow")
        {
            // Blocking the account says "stop" as plainly as the words: every link to it goes,
            // with the conversation. Nothing can be sent to a user who blocked the account.
            await notifications.StopAsync(userKey, cancellationToken);
            await conversations.ForgetAsync(userKey, cancellationToken);
            return [];
        }

        if (lineEvent.Type == "follow")
        {
            await conversations.ForgetAsync(userKey, cancellationToken);
            return [LineMessage.Say("สวัสดีค่ะ ที่นี่คือช่องทางแจ้งเบาะแสการทุจริตในภาครัฐของสำนักงาน ป.ป.ท. (สายด่วน 1206)\nข้อมูลของท่านจะถูกเก็บเป็นความลับ และท่านเลือกไม่ให้ชื่อของท่านได้\nเลือกสิ่งที่ต้องการได้เลยค่ะ", Menu)];
        }

        // One user flooding the bot would otherwise cost a conversation read and write per message.
        if (await limits.TryAcquireAsync(RateLimitedAction.LineMessage, "line:" + userKey, cancellationToken) is { Allowed: false } flooded)
        {
            return [LineMessage.Say($"ส่งข้อความบ่อยเกินไปค่ะ กรุณาลองใหม่ในอีก {Math.Ceiling(flooded.RetryAfter.TotalMinutes)} นาที")];
        }

        var text = lineEvent.Message?.Type == "text" ? lineEvent.Message.Text?.Trim() : null;
        var conversation = await conversations.LoadAsync(userKey, cancellationToken);
        switch (text)
        {
            case Cancel:
                await conversations.ForgetAsync(userKey, cancellationToken);
                return [LineMessage.Say("ยกเลิกแล้ว ข้อมูลที่กรอกไว้ถูกลบทั้งหมด", Menu)];
            case Report:
                return await tip.StartAsync(userKey, cancellationToken);
            case Track:
                return await status.StartAsync(userKey, cancellationToken);
            case Workshop:
                return await registering.StartAsync(userKey, cancellationToken);
        }

        // Said at any step, and the step carries on: stop notifications, check a case by its code.
        if (IsStop(text))
        {
            return await notifications.StopAsync(userKey, cancellationToken);
        }

        if (status.IsTrackingCode(text))
        {
            return await status.AnswerAnywhereAsync(userKey, conversation, text!, cancellationToken);
        }

        var answer = conversation.Flow switch
        {
            "report" => await tip.AnswerAsync(userKey, conversation, lineEvent, text, cancellationToken),
            "status" => await status.AnswerAsync(userKey, text, cancellationToken),
            "register" => await registering.AnswerAsync(userKey, conversation, lineEvent, text, cancellationToken),
            _ => null,
        };
        return answer ?? [LineMessage.Say("ขออภัยค่ะ ไม่เข้าใจข้อความนี้ เลือกเมนูด้านล่างได้เลย หรือพิมพ์ \"ยกเลิก\" เพื่อเริ่มใหม่", Menu)];
    }
}
