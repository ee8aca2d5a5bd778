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

        await client.SendAsync(new OutgoingMail(address, mail), AcsEmailClient.OperationId(notice.Id, recipient), cancellationToken);
        await sent.RecordAsync(notice.Id, recipient, "mail", time.GetUtcNow(), cancellationToken);
        LogSent(logger, notice.Kind, notice.Id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is not configured (Mail__Endpoint): a {Kind} mail was not sent")]
    private static partial void LogMailOff(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} mail of notice {NoticeId} was sent before; not again")]
    private static partial void LogAlreadySent(ILogger logger, string kind, string noticeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a {Kind} mail of notice {NoticeId}")]
    private static partial void LogSent(ILogger logger, string kind, string noticeId);
}
