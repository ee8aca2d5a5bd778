using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Core.Staff;

/// <summary>A complaint in a staff list: enough to triage, never the reporter's identity; <see cref="Assignee"/> is the handling officer's staff id, or null.</summary>
public sealed record StaffComplaintSummary(
    string Id,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    ComplaintStatus Status,
    ComplaintChannel Channel,
    string Category,
    string Province,
    int Region,
    string Agency,
    bool Anonymous,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset FeedbackDueBy,
    bool AcknowledgeOverdue,
    bool FeedbackOverdue,
    string? Assignee)
{
    /// <summary>The case as a list shows it at <paramref name="now"/>, overdue flags judged then.</summary>
    public static StaffComplaintSummary Of(ComplaintEntity c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            c.ComplaintId,
            c.ReceivedAt,
            c.UpdatedAt,
            Json.EnumNames.Parse<ComplaintStatus>(c.Status),
            Json.EnumNames.Parse<ComplaintChannel>(c.Channel),
            c.Category,
            c.Province,
            c.Region,
            c.Agency,
            c.Anonymous,
            c.AcknowledgeBy,
            c.FeedbackDueBy,
            !c.Acknowledged && now > c.AcknowledgeBy,
            !c.FeedbackGiven && !c.IsFinal && now > c.FeedbackDueBy,
            string.IsNullOrEmpty(c.Assignee) ? null : c.Assignee);
    }
}

/// <summary>A page of complaints, newest first; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record StaffComplaintPage(IReadOnlyList<StaffComplaintSummary> Items, string? ContinuationToken);

/// <summary>
/// One complaint as staff work on it: the case opened (never the reporter's identity), with the
/// app's routes to its files, and its links to the cases this reader may see. <see cref="Reference"/>
/// is the name the case goes by in exports and events (<see cref="ComplaintReferences"/>), so that
/// staff can match a row of complaints.csv or an event with the case. <see cref="LegalHold"/> says
/// whether the case's records are held for legal proceedings, and <see cref="Erased"/> what has been
/// erased from the case (the identity, the files, the conversation), when and by what: a reporter
/// who withdrew their identity is an erasure of the identity by <c>reporter</c>, never what it was.
/// </summary>
public sealed record StaffComplaintView(
    StaffComplaintSummary Summary,
    string Reference,
    CaseDetails Details,
    DateOnly? IncidentDate,
    double? AmountThb,
    bool Consent,
    IReadOnlyList<StatusChange> History,
    IReadOnlyList<ConversationMessage> Messages,
    bool EarlierMessagesOmitted,
    IReadOnlyList<InternalNote> Notes,
    IReadOnlyList<StaffAttachment> Attachments,
    IReadOnlyList<CaseLink> Links,
    LegalHoldView LegalHold,
    Retention.CaseErasures Erased);

/// <summary>An evidence file of a case: <c>url</c> is the app's own route, which takes the staff token and audits each download.</summary>
public sealed record StaffAttachment(string AttachmentId, string ContentType, long Size, string Sha256, string Url);

/// <summary>The answer of the lookup (by tracking code or by reference): the case's id.</summary>
public sealed record CaseReference(string Id);

/// <summary>The answer of <c>GET /api/staff/me</c>: the token's id, name and roles, and the regions its scope roles cover.</summary>
public sealed record StaffIdentityView(string Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<int> Regions);
