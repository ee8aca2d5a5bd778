using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Tells a reporter who asked for it at the end of their LINE tip that there is news on their
/// report: one content-free text (no case text, no reference, no status: LINE reads every message
/// the bot sends, and anyone may hold the phone), asking them to send their tracking code in the
/// chat to read it. Only while the case is still on the reporter's list of linked cases
/// (<see cref="LineNotifyLinks"/>): a link the reporter stopped before the case was stored is
/// erased here instead of used. The push carries a retry key made from the notice's id, so a
/// notice delivered twice is pushed once. A spent monthly quota (pushes count against it, replies
/// do not) is logged and the notice dropped: the reporter still reads the news with their code.
/// </summary>
public sealed partial class ReporterLinePush(LineClient line, LineNotifyLinks links, ComplaintStore complaints, ILogger<ReporterLinePush> logger)
{
    /// <summary>The whole message: nothing in it comes from the case.</summary>
    public const string Text =
        "มีความคืบหน้าในเรื่องที่ท่านแจ้งไว้กับสำนักงาน ป.ป.ท. ค่ะ ส่งรหัสติดตามเรื่องของท่านในแชตนี้เพื่ออ่าน (พิมพ์ \"หยุดแจ้งเตือน\" เพื่อหยุดรับข้อความนี้)\n"
        + "There is news on your report: send your tracking code here to read it.";

    private const int Attempts = 8;

    /// <summary>True when the push went (or had gone, for a redelivered notice); false when the case has no link, or LINE's quota is spent.</summary>
    public async Task<bool> PushAsync(ComplaintEntity complaint, Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(notice);
        if (links.UserIdOf(complaint) is not { } userId)
        {
            return false;
        }

        if (!await links.IsLinkedAsync(links.UserKey(userId), complaint.ComplaintId, cancellationToken))
        {
            // Stopped while the case was still on the queue: the link is not consent any more.
            await EraseLinkAsync(complaint.ComplaintId, cancellationToken);
            LogStopped(logger, notice.Kind);
            return false;
        }

        if (!await line.PushAsync(userId, [LineMessage.Say(Text)], LineClient.RetryKeyOf("notice-push", notice.Id), cancellationToken))
        {
            LogQuotaSpent(logger, notice.Kind);
            return false;
        }

        return true;
    }

    private async Task EraseLinkAsync(string complaintId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await complaints.GetAsync(complaintId, cancellationToken);
            if (stored?.NotifyLine is null)
            {
                return;
            }

            stored.NotifyLine = null;
            if (await complaints.TryReplaceAsync(stored, cancellationToken))
            {
                return;
            }
        }
    }

    // Neither names the case nor the person: the kind of notice is all.
    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} notice was not pushed to a reporter on LINE: the monthly message quota is spent")]
    private static partial void LogQuotaSpent(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} notice was not pushed: the reporter had stopped notifications; the case's link is erased")]
    private static partial void LogStopped(ILogger logger, string kind);
}
