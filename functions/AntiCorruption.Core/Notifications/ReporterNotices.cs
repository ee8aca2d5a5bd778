using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Tells a reporter there is news on their case, never what: by LINE push to a LINE reporter who
/// asked for it at the end of their tip (<see cref="ReporterLinePush"/>), and by mail to an
/// identified reporter who gave an email, ticked "notify me" and confirmed the address
/// (<see cref="ReporterEmailNotices"/>). A case made anonymous since (or whose identity the
/// retention schedule erased) has no contact left and is told nothing.
/// </summary>
public sealed class ReporterNotices(ComplaintStore store, PiiProtector pii, MailDelivery mail, ReporterLinePush line, ReporterEmailNotices emailNotices)
{
    /// <summary>For a new case whose reporter asked for news by email: the mail with the code that confirms the address.</summary>
    public async Task AskEmailConfirmationAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!mail.Enabled)
        {
            return; // no code could reach the reporter: nothing is promised (the status says no mails)
        }

        var complaint = notice.ComplaintId is null ? null : await store.GetAsync(notice.ComplaintId, cancellationToken);
        if (EmailOf(complaint) is not { } email || !await emailNotices.AwaitConfirmationAsync(complaint!.ComplaintId, cancellationToken))
        {
            return;
        }

        var confirmation = Notice.Of(NoticeKinds.ReporterEmailConfirmation, complaint.ComplaintId, complaint.ComplaintId);
        await mail.SendOnceAsync(confirmation, email, MailTemplates.ReporterEmailConfirmation(emailNotices.ConfirmationCodeOf(complaint.ComplaintId)), cancellationToken);
    }

    public async Task NewsAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var complaint = notice.ComplaintId is null ? null : await store.GetAsync(notice.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return;
        }

        await line.PushAsync(complaint, notice, cancellationToken);
        if (complaint.EmailNotices == ReporterEmailNotices.On && EmailOf(complaint) is { } email)
        {
            await mail.SendOnceAsync(notice, email, MailTemplates.ReporterNews(), cancellationToken);
        }
    }

    /// <summary>The address of an identified reporter who asked for news by email; null otherwise.</summary>
    private string? EmailOf(ComplaintEntity? complaint) =>
        complaint is { Anonymous: false, Reporter: { } sealedReporter }
        && pii.OpenJson<ReporterDetails>(sealedReporter, ComplaintMessage.ReporterContext(complaint.ComplaintId)) is { NotifyByEmail: true, Email: { Length: > 0 } email }
            ? email
            : null;
}
