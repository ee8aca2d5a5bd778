using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// A legal hold on a case (<c>PUT /api/staff/complaints/{id}/legal-hold</c>, Complaints.Manage):
/// while proceedings need the case's records as they are, a reporter cannot erase their identity
/// from it (<see cref="ReporterIdentityWithdrawal"/>), and is told why. Body
/// <c>{"hold","reason"}</c>: placing and lifting both take a reason (10-500 characters), which goes
/// to the audit trail before the change and to the case's history for staff. Only inside the
/// officer's scope; asking for what already stands changes nothing but is recorded all the same.
/// </summary>
public sealed class LegalHolds(ComplaintStore store, ComplaintWork work, ComplaintHistory history, AuditLog audit, TimeProvider time)
{
    public const int MinReason = 10;
    public const int MaxReason = 500;

    public async Task<(LegalHoldView? Hold, ValidationErrors Errors)> SetAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var hold = fields?.Boolean("hold", required: true);
        var reason = fields?.Text("reason", required: true, MaxReason, MinReason, multiline: true);
        if (hold is null || reason is null)
        {
            return (null, errors);
        }

        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintLegalHold, found.Region, found.ComplaintId, Detail: $"hold: {(hold.Value ? "on" : "off")}; reason: {reason}"), cancellationToken);
        StatusChange? step = null;
        var updated = await work.UpdateAsync(complaintId, c =>
        {
            if (c.LegalHold == hold.Value)
            {
                return false;
            }

            var now = time.GetUtcNow();
            step = new StatusChange(EnumNames.Parse<ComplaintStatus>(c.Status), now, reason, By: staff.Id, Changes: [new FieldChange("legalHold", Bool(c.LegalHold), Bool(hold.Value))]);
            c.LegalHold = hold.Value;
            c.LegalHoldSince = hold.Value ? now : null;
            c.LegalHoldBy = hold.Value ? staff.Id : null;
            return true;
        }, cancellationToken);
        if (updated is null)
        {
            return (null, errors);
        }

        if (step is not null)
        {
            await history.AppendAsync(complaintId, step, cancellationToken);
        }

        return (LegalHoldView.Of(updated), errors);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}

/// <summary>A case's legal hold: whether it stands, since when and who placed it (nulls without one).</summary>
public sealed record LegalHoldView(bool Hold, DateTimeOffset? Since, string? By)
{
    public static LegalHoldView Of(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new(complaint.LegalHold, complaint.LegalHold ? complaint.LegalHoldSince : null, complaint.LegalHold ? complaint.LegalHoldBy : null);
    }
}
