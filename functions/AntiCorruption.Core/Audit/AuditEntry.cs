namespace AntiCorruption.Core.Audit;

/// <summary>
/// What one audit record says happened: the action, the region of the record it touched (null for
/// what belongs to no one region, such as a national summary or a refused call), the complaint,
/// any other record (a workshop, an attachment, a file) and a short detail. Never the personal
/// data itself: that a reporter's identity was opened, and why, but not the identity.
/// </summary>
public sealed record AuditEntry(string Action, int? Region, string? ComplaintId = null, string? Target = null, string? Detail = null);

/// <summary>The actions the trail records, by the names <c>GET /api/staff/audit?action=</c> filters on.</summary>
public static class AuditActions
{
    public const string ComplaintRead = "complaint.read";
    public const string ComplaintLookup = "complaint.lookup";
    public const string ComplaintIdentity = "complaint.identity";
    public const string ComplaintEvidence = "complaint.evidence";
    public const string ComplaintStatus = "complaint.status";
    public const string ComplaintMessage = "complaint.message";
    public const string ComplaintNote = "complaint.note";
    public const string ComplaintAssign = "complaint.assign";
    public const string ComplaintReclassify = "complaint.reclassify";
    public const string ComplaintLink = "complaint.link";
    public const string WorkshopCreate = "workshop.create";
    public const string WorkshopUpdate = "workshop.update";
    public const string WorkshopAttendees = "workshop.attendees";
    public const string WorkshopCheckIn = "workshop.checkin";
    public const string SummaryDownload = "summary.download";
    public const string SummaryCompile = "summary.compile";
    public const string Refused = "staff.refused";
    public const string ComplaintLegalHold = "complaint.legal_hold";
    public const string RegistrationFind = "registration.find";
    public const string RegistrationExport = "registration.export";
    public const string RegistrationErase = "registration.erase";

    /// <summary>The daily retention run: how many records of each kind it erases, by the system actor of Retention/RetentionRun.</summary>
    public const string RetentionApplied = "retention.applied";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ComplaintRead, ComplaintLookup, ComplaintIdentity, ComplaintEvidence, ComplaintStatus, ComplaintMessage, ComplaintNote,
        ComplaintAssign, ComplaintReclassify, ComplaintLink, WorkshopCreate, WorkshopUpdate, WorkshopAttendees, WorkshopCheckIn,
        SummaryDownload, SummaryCompile, Refused,
        ComplaintLegalHold, RegistrationFind, RegistrationExport, RegistrationErase, RetentionApplied,
    };
}
