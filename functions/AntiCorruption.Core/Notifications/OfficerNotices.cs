using AntiCorruption.Core.Complaints;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Mail to officers: a new case to its region's addresses, a reporter's answer to the case's
/// assignee, and each morning the region's overdue count, with a link to the workspace, where the
/// officer signs in: never the reporter, the accused, or the case's text. A mail that comes the
/// moment something happens names no case either (not its id, whose first symbols are its receipt
/// time, nor its reference): a mailbox, its forwarding or its server's log would otherwise pair a
/// case with the minute its reporter acted. Only the morning digest, sent at a fixed hour, lists references.
/// </summary>
public sealed class OfficerNotices(ComplaintStore store, ComplaintReferences references, StaffDirectory directory, MailDelivery mail, OverdueCases overdue, IOptions<NotificationOptions> options)
{
    private readonly NotificationOptions _options = options.Value;

    public async Task NewCaseAsync(Notice notice, CancellationToken cancellationToken)
    {
        var complaint = await CaseOfAsync(notice, cancellationToken);
        if (complaint is null)
        {
            return;
        }

        var content = MailTemplates.OfficerNewCase(complaint.Region, QueueLink("cases?assignee=none"));
        foreach (var address in _options.AddressesOf(complaint.Region))
        {
            await mail.SendOnceAsync(notice, address, content, cancellationToken);
        }
    }

    public async Task ReporterAnsweredAsync(Notice notice, CancellationToken cancellationToken)
    {
        var complaint = await CaseOfAsync(notice, cancellationToken);
        if (complaint?.Assignee is not { } assignee || await directory.AddressOfAsync(assignee, cancellationToken) is not { } address)
        {
            return;
        }

        await mail.SendOnceAsync(notice, address, MailTemplates.OfficerReporterAnswered(QueueLink("cases?assignee=me")), cancellationToken);
    }

    public async Task OverdueDigestAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Region is not { } region || _options.AddressesOf(region) is not { Count: > 0 } addresses)
        {
            return;
        }

        var late = await overdue.OfRegionAsync(region, cancellationToken);
        if (late.Acknowledge + late.Feedback == 0)
        {
            return;
        }

        var content = MailTemplates.OverdueDigest(region, late.Acknowledge, late.Feedback, [.. late.Ids.Select(references.Of)], QueueLink("cases?overdue=true"));
        foreach (var address in addresses)
        {
            await mail.SendOnceAsync(notice, address, content, cancellationToken);
        }
    }

    private async Task<ComplaintEntity?> CaseOfAsync(Notice notice, CancellationToken cancellationToken) =>
        notice?.ComplaintId is null ? null : await store.GetAsync(notice.ComplaintId, cancellationToken);

    private string? QueueLink(string route) => _options.WorkspaceUrl.Length == 0 ? null : $"{_options.WorkspaceUrl.TrimEnd('/')}#/{route}";
}
