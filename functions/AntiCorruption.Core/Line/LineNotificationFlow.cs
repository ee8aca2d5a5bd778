using AntiCorruption.Core.Complaints;
using static AntiCorruption.Core.Line.LineWords;

namespace AntiCorruption.Core.Line;

/// <summary>
/// The bot's notification settings: a reporter opts in at the end of a tip
/// (<see cref="LineTipFlow"/>), and "หยุดแจ้งเตือน" ("stop notifications"), said at any point of
/// the chat, stops it for every case linked to their LINE account: the sealed link goes from each
/// stored case and the list under their keyed hash goes too. The conversation they were in carries
/// on.
/// </summary>
public sealed class LineNotificationFlow(LineNotifyLinks links, ComplaintStore complaints)
{
    private const int Attempts = 8;

    public async Task<IReadOnlyList<LineMessage>> StopAsync(string userKey, CancellationToken cancellationToken)
    {
        var ids = await links.TakeAllAsync(userKey, cancellationToken);
        foreach (var id in ids)
        {
            await UnlinkAsync(id, cancellationToken);
        }

        return [LineMessage.Say(
            "หยุดแจ้งเตือนแล้วค่ะ เรื่องที่ท่านแจ้งไว้จะไม่มีข้อความแจ้งมาที่ LINE นี้อีก และระบบลบการเชื่อมโยงกับบัญชีนี้แล้ว ท่านยังติดตามเรื่องได้ด้วยรหัสติดตามเรื่อง\nNotifications stopped: no report is linked to this LINE account any more. Your tracking code still works.",
            Menu)];
    }

    /// <summary>
    /// Takes the link off a stored case. A case still on the queue is stored with it, but it is
    /// off the user's list, which is what a push checks first (ReporterLinePush), and the push
    /// erases the link it finds so.
    /// </summary>
    private async Task UnlinkAsync(string complaintId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var complaint = await complaints.GetAsync(complaintId, cancellationToken);
            if (complaint?.NotifyLine is null)
            {
                return;
            }

            complaint.NotifyLine = null;
            if (await complaints.TryReplaceAsync(complaint, cancellationToken))
            {
                return;
            }
        }
    }
}
