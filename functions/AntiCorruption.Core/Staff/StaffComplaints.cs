using System.Globalization;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// What regional officers read of complaints: one case, its evidence, the case a tracking code
/// belongs to; each only inside the officer's scope (a case of another region answers as one that
/// does not exist), and each audited before anything is shown.
/// </summary>
public sealed class StaffComplaints(
    ComplaintStore store,
    ComplaintHistory history,
    ConversationStore conversation,
    InternalNotes notes,
    CaseLinking links,
    Tracking.TrackingCodes trackingCodes,
    AttachmentStore attachments,
    AuditLog audit,
    PiiProtector pii,
    ComplaintReferences references,
    TimeProvider time)
{
    public async Task<StaffComplaintView?> GetAsync(StaffMember staff, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return null;
        }

        // The case, never the reporter's identity: that is ReporterIdentityAccess's, with a reason.
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintRead, complaint.Region, complaint.ComplaintId), cancellationToken);
        var ids = JsonSerializer.Deserialize<string[]>(complaint.AttachmentIds, JsonDefaults.Options) ?? [];
        var files = await Task.WhenAll(ids.Select(id => attachments.EvidenceOfAsync(id, complaint.ComplaintId, cancellationToken)));
        var messages = await conversation.ReadAsync(complaint.ComplaintId, cancellationToken);
        return new StaffComplaintView(
            StaffComplaintSummary.Of(complaint, time.GetUtcNow()),
            references.Of(complaint.ComplaintId),
            pii.OpenJson<CaseDetails>(complaint.Details, ComplaintMessage.DetailsContext(complaint.ComplaintId)),
            complaint.IncidentDate is null ? null : DateOnly.ParseExact(complaint.IncidentDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            complaint.AmountThb,
            complaint.Consent,
            await history.ReadAsync(complaint, cancellationToken),
            messages.Messages,
            messages.EarlierOmitted,
            await notes.ReadAsync(complaint.ComplaintId, cancellationToken),
            files.OfType<EvidenceFile>()
                .Select(f => new StaffAttachment(f.AttachmentId, f.ContentType, f.Size, f.Sha256, $"/api/staff/complaints/{complaint.ComplaintId}/attachments/{f.AttachmentId}"))
                .ToArray(),
            await links.VisibleAsync(staff, complaint.ComplaintId, cancellationToken),
            LegalHoldView.Of(complaint),
            Retention.CaseErasures.Of(complaint));
    }

    /// <summary>
    /// One evidence file of a case, for download: null unless the case is in the officer's scope
    /// and the file is that case's. The download is audited before the file is opened.
    /// </summary>
    public async Task<(EvidenceFile File, OpenedEvidence Content)?> OpenEvidenceAsync(StaffMember staff, string complaintId, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region) || !AttachmentStore.IsValidId(attachmentId))
        {
            return null;
        }

        var file = await attachments.EvidenceOfAsync(attachmentId, complaint.ComplaintId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintEvidence, complaint.Region, complaint.ComplaintId, Target: attachmentId), cancellationToken);
        return (file, await attachments.OpenAsync(file, cancellationToken));
    }

    /// <summary>
    /// The hotline's lookup: body <c>{"trackingCode"}</c>, as a reporter reads it out on the
    /// phone; the case's id, or null when there is none in the officer's scope. Audited, since it
    /// ties a reporter's code to a case. A body <c>{"reference"}</c> looks a case up by the name
    /// it goes by in exports and events instead (<see cref="LookUpByReferenceAsync"/>).
    /// </summary>
    public async Task<(CaseReference? Case, ValidationErrors Errors)> LookUpAsync(StaffMember staff, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reference", out _))
        {
            return await LookUpByReferenceAsync(staff, body, cancellationToken);
        }

        var errors = new ValidationErrors();
        var input = JsonFields.ForBody(body, errors)?.Text("trackingCode", required: true, 64);
        var code = "";
        if (input is not null && !Tracking.TrackingCodes.TryNormalize(input, out code))
        {
            errors.Add("trackingCode", Messages.InvalidTrackingCode);
        }

        if (!errors.IsEmpty || !trackingCodes.IsAuthentic(code))
        {
            return (null, errors);
        }

        var complaint = await store.FindByTrackingHashAsync(trackingCodes.Hash(code), cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintLookup, complaint.Region, complaint.ComplaintId, Detail: "found by tracking code"), cancellationToken);
        return (new CaseReference(complaint.ComplaintId), errors);
    }

    /// <summary>
    /// A row of complaints.csv or an event names a case by its reference, which carries no time
    /// (<see cref="ComplaintReferences"/>); this turns it back into the case's id, inside the
    /// officer's scope. Audited like the lookup by code.
    /// </summary>
    private async Task<(CaseReference? Case, ValidationErrors Errors)> LookUpByReferenceAsync(StaffMember staff, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var input = fields?.Text("reference", required: true, 64);
        if (fields?.IsPresent("trackingCode") == true)
        {
            errors.Add("trackingCode", Messages.TrackingCodeOrReference);
        }

        var complaintId = "";
        if (input is not null && !references.TryResolve(input, out complaintId))
        {
            errors.Add("reference", Messages.InvalidComplaintReference);
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintLookup, complaint.Region, complaint.ComplaintId, Detail: "found by reference"), cancellationToken);
        return (new CaseReference(complaint.ComplaintId), errors);
    }
}
