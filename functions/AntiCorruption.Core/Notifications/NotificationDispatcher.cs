using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// The <c>notifications</c> queue step: reads a <see cref="Notice"/> and has the right people
/// told. A failure throws, and the queue retries the notice (its poison queue keeps it after five
/// tries); whoever was already told is skipped on the retry (<see cref="SentNotices"/>).
/// </summary>
public sealed partial class NotificationDispatcher(ReporterNotices reporters, OfficerNotices officers, RegistrantNotices registrants, ILogger<NotificationDispatcher> logger)
{
    public Task DispatchAsync(string message, CancellationToken cancellationToken)
    {
        var notice = NoticeOutbox.Read(message);
        switch (notice.Kind)
        {
            case NoticeKinds.CaseNews:
                return reporters.NewsAsync(notice, cancellationToken);
            case NoticeKinds.CaseNew:
                return NewCaseAsync(notice, cancellationToken);
            case NoticeKinds.CaseAnswer:
                return officers.ReporterAnsweredAsync(notice, cancellationToken);
            case NoticeKinds.OverdueDigest:
                return officers.OverdueDigestAsync(notice, cancellationToken);
            case NoticeKinds.WorkshopChanged or NoticeKinds.WorkshopReminder when notice.Registration is null:
                return registrants.FanOutAsync(notice, cancellationToken);
            case NoticeKinds.RegistrationDecided or NoticeKinds.RegistrationPromoted or NoticeKinds.RegistrationCode or NoticeKinds.WorkshopChanged or NoticeKinds.WorkshopReminder:
                return registrants.OneAsync(notice, cancellationToken);
            default:
                // A kind from a newer version of the app: completing it beats poisoning it.
                LogUnknownKind(logger, notice.Kind);
                return Task.CompletedTask;
        }
    }

    /// <summary>A new case: its region's officers are told, and a reporter who asked for news by email is asked to confirm the address.</summary>
    private async Task NewCaseAsync(Notice notice, CancellationToken cancellationToken)
    {
        await officers.NewCaseAsync(notice, cancellationToken);
        await reporters.AskEmailConfirmationAsync(notice, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notice of unknown kind {Kind} was dropped")]
    private static partial void LogUnknownKind(ILogger logger, string kind);
}
