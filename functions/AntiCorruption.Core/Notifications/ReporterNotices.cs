using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Tells a reporter there is news on their case, never what: by LINE push to a LINE reporter who
/// asked for it at the end of their tip (<see cref="ReporterLinePush"/>), and by mail to an
/// identified reporter who gave an email, ticked "notify me" and confirmed the address
/// (<see cref="ReporterEmailNotices"/>). A case made anonymous since (or whose identity the
/// retention schedule erased) has no contact left and is told nothing.
/// </summary>
public sealed partial class ReporterNotices(ComplaintStore store, PiiProtector pii, MailDelivery mail, SentNotices sent, ReporterLinePush line, ReporterEmailNotices emailNotices, TimeProvider time, ILogger<ReporterNotices> logger)
{
    /// <summary>For a new case whose reporter asked for news by email: the mail with the code that confirms the address.</summary>
    public async Task AskEmailConfirmationAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.ComplaintId is not null && await store.GetAsync(notice.ComplaintId, cancellationToken) is { } complaint)
        {
            await AskEmailConfirmationAsync(complaint, cancellationToken);
        }
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
        else if (complaint.EmailNotices is null)
        {
            // Asked for mails but never sent the code: stored while mail was off, or before
            // confirmation existed, or held back by the daily cap. The news is the time to ask.
            await AskEmailConfirmationAsync(complaint, cancellationToken);
        }
    }

    private async Task AskEmailConfirmationAsync(ComplaintEntity complaint, CancellationToken cancellationToken)
    {
        if (!mail.Enabled || complaint.EmailNotices is not (null or ReporterEmailNotices.Awaiting) || EmailOf(complaint) is not { } email)
        {
            return; // with mail off no code could reach the reporter, so nothing is promised
        }

        // One confirmation a day to an address, whoever asks for it: typing someone's address into
        // many tips mails them once a day at most.
        var confirmation = Notice.Of(NoticeKinds.ReporterEmailConfirmation, complaint.ComplaintId, complaint.ComplaintId);
        if (!await sent.TakeDailySlotAsync(NoticeKinds.ReporterEmailConfirmation, sent.RecipientKey(email), confirmation.Id, Time.Bangkok.DateOf(time.GetUtcNow()), cancellationToken))
        {
            LogCapped(logger);
            return;
        }

        if (await emailNotices.AwaitConfirmationAsync(complaint.ComplaintId, cancellationToken))
        {
            await mail.SendOnceAsync(confirmation, email, MailTemplates.ReporterEmailConfirmation(emailNotices.ConfirmationCodeOf(complaint.ComplaintId)), cancellationToken);
        }
    }

    /// <summary>The address of an identified reporter who asked for news by email; null otherwise.</summary>
    private string? EmailOf(ComplaintEntity complaint) =>
        complaint is { Anonymous: false, Reporter: { } sealedReporter }
        && pii.OpenJson<ReporterDetails>(sealedReporter, ComplaintMessage.ReporterContext(complaint.ComplaintId)) is { NotifyByEmail: true, Email: { Length: > 0 } email }
            ? email
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "An address had its confirmation mail of the day already; another case's waits for its first news")]
    private static partial void LogCapped(ILogger logger);
}
