using AntiCorruption.Core.Notifications.Mail;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Notifications;

/// <summary>Sends one mail of a notice to one address, once: an address that already has it is skipped.</summary>
public sealed partial class MailDelivery(AcsEmailClient client, SentNotices sent, TimeProvider time, ILogger<MailDelivery> logger)
{
    /// <summary>
    /// A claimed send is repeated with its request while the service surely remembers it: a
    /// minute short of its five, for a clock a little off and a send that takes a while.
    /// </summary>
    public static readonly TimeSpan RepeatFor = AcsEmailClient.RepeatWindow - TimeSpan.FromMinutes(1);

    /// <summary>Whether mail goes at all (<c>Mail__Endpoint</c> is set).</summary>
    public bool Enabled => client.Enabled;

    /// <summary>True when the service took the mail now; false when mail is off, the address already had this notice or it is refused.</summary>
    public async Task<bool> SendOnceAsync(Notice notice, string address, RenderedMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!client.Enabled)
        {
            LogMailOff(logger, notice.Kind);
            return false;
        }

        var recipient = sent.RecipientKey(address);
        var outgoing = new OutgoingMail(address, mail);
        var started = time.GetUtcNow();
        var request = await sent.ClaimAsync(notice.Id, recipient, started, RepeatFor, cancellationToken);
        if (request is null)
        {
            LogAlreadySent(logger, notice.Kind, notice.Id);
            return false;
        }

        var result = await client.SendAsync(outgoing, request, cancellationToken);
        if (result != MailSendResult.Accepted && request.FirstSent < started.AddSeconds(-1))
        {
            // A repeat of an earlier try: too old for the service to remember (412), or refused
            // because the mail now differs from that try's (a workshop changed in between). Whether
            // that try was delivered cannot be known; telling twice beats not telling, so it is
            // sent once more as a new request, whose answer stands.
            LogSentAnew(logger, notice.Kind, notice.Id);
            request = await sent.ClaimAsync(notice.Id, recipient, time.GetUtcNow(), TimeSpan.Zero, cancellationToken, replacing: request);
            if (request is null)
            {
                return false;
            }

            result = await client.SendAsync(outgoing, request, cancellationToken);
        }

        if (result == MailSendResult.TooLateToRepeat)
        {
            // A request first sent just now, and the service says it is too old: its clock and
            // ours disagree by minutes. Nothing is recorded; the queue tries again.
            throw new InvalidOperationException("The mail service refused a new request as too old (412): its clock and the app's disagree.");
        }

        if (result != MailSendResult.Accepted)
        {
            // This address (or this mail) is refused for good: recorded as such, so that the
            // notice's other recipients are still told and a retry does not try it again.
            await sent.RecordAsync(notice.Id, recipient, "refused", time.GetUtcNow(), cancellationToken);
            LogRefused(logger, notice.Kind, notice.Id);
            return false;
        }

        await sent.RecordAsync(notice.Id, recipient, "mail", time.GetUtcNow(), cancellationToken);
        LogSent(logger, notice.Kind, notice.Id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is not configured (Mail__Endpoint): a {Kind} mail was not sent")]
    private static partial void LogMailOff(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} mail of notice {NoticeId} was sent before; not again")]
    private static partial void LogAlreadySent(ILogger logger, string kind, string noticeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An earlier try of a {Kind} mail of notice {NoticeId} could not be repeated; it is sent anew")]
    private static partial void LogSentAnew(ILogger logger, string kind, string noticeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail service refused a {Kind} mail of notice {NoticeId}; the other recipients are still told")]
    private static partial void LogRefused(ILogger logger, string kind, string noticeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a {Kind} mail of notice {NoticeId}")]
    private static partial void LogSent(ILogger logger, string kind, string noticeId);
}
