using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Need-to-know: no list, read or write answer carries a reporter's identity. It is opened only
/// here, one case at a time, by someone with <see cref="StaffRoles.ComplaintsIdentity"/>, who says
/// why; the reason goes to the audit trail before anything is opened, and an opening that cannot
/// be recorded does not happen.
/// </summary>
public sealed class ReporterIdentityAccess(ComplaintStore store, AuditLog audit, PiiProtector pii)
{
    public const int MinReason = 10;
    public const int MaxReason = 500;

    /// <summary>Body <c>{"reason"}</c>. Null (with no errors) when the case does not exist for this person.</summary>
    public async Task<(ReporterIdentityView? Identity, ValidationErrors Errors)> OpenAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var reason = JsonFields.ForBody(body, errors)?.Text("reason", required: true, MaxReason, MinReason, multiline: true);
        if (reason is null)
        {
            return (null, errors);
        }

        var complaint = await store.GetAsync(complaintId, cancellationToken);
        if (complaint is null || !staff.Scope.Covers(complaint.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintIdentity, complaint.Region, complaint.ComplaintId, Detail: $"reason: {reason}"), cancellationToken);
        var reporter = complaint.Reporter is null ? null : pii.OpenJson<ReporterDetails>(complaint.Reporter, ComplaintMessage.ReporterContext(complaint.ComplaintId));
        return (new ReporterIdentityView(complaint.Anonymous, reporter, Retention.CaseErasures.Of(complaint).Reporter), errors);
    }
}

/// <summary>
/// The answer of the identity route: <c>reporter</c> is null for an anonymous case, and for one
/// whose identity was erased since; <c>erased</c> says when an identity was erased and by what:
/// the reporter's withdrawal (<c>reporter</c>, and the case is anonymous from then on), or the
/// retention schedule (<c>retention</c>, which leaves the case not anonymous).
/// </summary>
public sealed record ReporterIdentityView(bool Anonymous, ReporterDetails? Reporter, Retention.Erasure? Erased);
