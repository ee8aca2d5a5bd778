using AntiCorruption.Core.Notifications.Mail;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Notifications;

/// <summary>Sends one mail of a notice to one address, once: an address that already has it is skipped.</summary>
public sealed partial class MailDelivery(AcsEmailClient client, SentNotices sent, TimeProvider time, ILogger<MailDelivery> logger)
{
    /// <summary>True when sent now; false when mail is off or the address already had this notice.</summary>
    public async Task<bool> SendOnceAsync(Notice notice, string address, RenderedMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!client.Enabled)
        {
            LogMailOff(logger, notice.Kind);
            return false;
        }

        var recipient = sent.RecipientKey(address);
        if (await sent.WasSentAsync(notice.Id, recipient, cancellationToken))
        {
            LogAlreadySent(logger, notice.Kind, notice.Id);
            return false;
        }

        try
        {
            await client.SendAsync(new OutgoingMail(address, mail), AcsEmailClient.OperationId(notice.Id, recipient), cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status && (int)status is >= 400 and < 500 && status != System.Net.HttpStatusCode.TooManyRequests)
        {
            // This address (or this mail) is refused for good: recorded as such, so that the
            // notice's other recipients are still told and a retry does not try it again.
            await sent.RecordAsync(notice.Id, recipient, "refused", time.GetUtcNow(), cancellationToken);
            LogRefused(logger, notice.Kind, notice.Id, (int)status);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail service refused a {Kind} mail of notice {NoticeId} ({Status}); the other recipients are still told")]
    private static partial void LogRefused(ILogger logger, string kind, string noticeId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a {Kind} mail of notice {NoticeId}")]
    private static partial void LogSent(ILogger logger, string kind, string noticeId);
}
