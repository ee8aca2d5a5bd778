namespace AntiCorruption.Core.Notifications.Mail;

/// <summary>One mail to one person: Thai first with an English part below, as plain text and HTML, with no external image.</summary>
public sealed record OutgoingMail(string To, string Subject, string PlainText, string Html, IReadOnlyList<MailAttachment> Attachments)
{
    public OutgoingMail(string to, RenderedMail rendered)
        : this(to, rendered?.Subject ?? throw new ArgumentNullException(nameof(rendered)), rendered.PlainText, rendered.Html, rendered.Attachments)
    {
    }
}

/// <summary>A file sent with the mail (the check-in QR code as a PNG).</summary>
public sealed record MailAttachment(string Name, string ContentType, byte[] Content);

/// <summary>A mail's content before it has a recipient.</summary>
public sealed record RenderedMail(string Subject, string PlainText, string Html, IReadOnlyList<MailAttachment> Attachments);
