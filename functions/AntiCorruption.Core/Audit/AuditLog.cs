using AntiCorruption.Core.Staff;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// The one verb of the audit trail: record, then act. Each staff action is added to the chain
/// (<see cref="AuditTrailStore"/>) before it takes effect; when the record cannot be written this
/// throws, and the action must not happen. It names who (the token's id and name), what, when
/// and which record, never the personal data that was read.
/// </summary>
public sealed class AuditLog(AuditTrailStore trail, TimeProvider time)
{
    public async Task RecordAsync(StaffMember staff, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(entry);
        await trail.AppendAsync(
            new AuditDraft(time.GetUtcNow(), staff.Id, staff.Name, entry.Action, entry.Region, entry.ComplaintId, entry.Target, entry.Detail),
            cancellationToken);
    }

    /// <summary>
    /// A staff call refused with 401 or 403. <paramref name="staff"/> is null when the token did
    /// not prove who sent it; then nothing from it is believed or kept. Such records belong to no
    /// region, so only head office reads them.
    /// </summary>
    public async Task RecordRefusalAsync(StaffMember? staff, string detail, CancellationToken cancellationToken) =>
        await trail.AppendAsync(
            new AuditDraft(time.GetUtcNow(), staff?.Id, staff?.Name, AuditActions.Refused, null, null, null, detail),
            cancellationToken);
}
