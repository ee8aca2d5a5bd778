using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Who handles a case: <c>PUT /api/staff/complaints/{id}/assignee</c>, body <c>{"assignee"}</c>
/// with <c>"me"</c>, a staff id, or null to unassign. Inside the officer's scope only, audited
/// before the change.
/// </summary>
public sealed class CaseAssignment(ComplaintStore store, ComplaintWork work, AuditLog audit, Notifications.StaffDirectory directory, TimeProvider time)
{
    /// <summary>The case summary after the change; null (with no errors) when the case does not exist for this person.</summary>
    public async Task<(StaffComplaintSummary? Complaint, ValidationErrors Errors)> AssignAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var (given, assignee) = ReadAssignee(staff, body, errors);
        if (!given)
        {
            return (null, errors);
        }

        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintAssign, found.Region, complaintId, Target: assignee, Detail: assignee is null ? "unassigned" : "assigned"), cancellationToken);
        if (assignee == staff.Id)
        {
            // Taking a case: where to mail its assignee when the reporter answers.
            await directory.RecordAsync(staff, cancellationToken);
        }
        var movedAway = false;
        var updated = await work.UpdateAsync(complaintId, complaint =>
        {
            // Transferred out of this officer's scope since it was read: as if it were not there.
            movedAway = !staff.Scope.Covers(complaint.Region);
            if (movedAway || complaint.Assignee == assignee)
            {
                return false;
            }

            complaint.Assignee = assignee;
            return true;
        }, cancellationToken);
        return (updated is null || movedAway ? null : StaffComplaintSummary.Of(updated, time.GetUtcNow()), errors);
    }

    /// <summary>
    /// The assignee the body names: <c>Given</c> is false when the body is wrong (the errors say
    /// why). The field must be there: <c>{}</c> is a mistake more often than a wish to unassign,
    /// so unassigning takes an explicit null.
    /// </summary>
    public static (bool Given, string? Assignee) ReadAssignee(StaffMember staff, JsonElement body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(errors);
        var fields = JsonFields.ForBody(body, errors);
        if (fields is null)
        {
            return (false, null);
        }

        if (!body.TryGetProperty("assignee", out var value))
        {
            errors.Add("assignee", Messages.Required);
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        var text = fields.Text("assignee", required: true, StaffIds.MaxLength);
        if (text is null)
        {
            return (false, null);
        }

        if (text == StaffIds.Me)
        {
            return (true, staff.Id);
        }

        if (!StaffIds.IsValid(text))
        {
            errors.Add("assignee", Messages.InvalidStaffId);
            return (false, null);
        }

        return (true, text);
    }
}
