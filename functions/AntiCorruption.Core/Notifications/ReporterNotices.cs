using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Tells a reporter there is news on their case, never what: by LINE push to a LINE reporter who
/// asked for it at the end of their tip (<see cref="ReporterLinePush"/>), and by mail to an
/// identified reporter who gave an email and ticked "notify me". A case made anonymous since (or
/// whose identity the retention schedule erased) has no contact left and is told nothing.
/// </summary>
public sealed class ReporterNotices(ComplaintStore store, PiiProtector pii, MailDelivery mail, ReporterLinePush line)
{
    public async Task NewsAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var complaint = notice.ComplaintId is null ? null : await store.GetAsync(notice.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return;
        }

        await line.PushAsync(complaint, notice, cancellationToken);
        if (complaint is { Anonymous: false, Reporter: { } sealedReporter })
        {
            var reporter = pii.OpenJson<ReporterDetails>(sealedReporter, ComplaintMessage.ReporterContext(complaint.ComplaintId));
            if (reporter is { NotifyByEmail: true, Email: { Length: > 0 } email })
            {
                await mail.SendOnceAsync(notice, email, MailTemplates.ReporterNews(), cancellationToken);
            }
        }
    }
}
