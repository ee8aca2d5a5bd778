using System.Globalization;
using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Reclassification and transfer: <c>PATCH /api/staff/complaints/{id}</c>, body <c>{"reason"}</c>
/// with any of <c>{"category","province","agency"}</c>, checked as intake checks them. A province of
/// another region moves the case to that region: it leaves the old region's lists and reads and
/// appears in the new one's, and the summaries count it there (they read the row's region).
/// What changed, from what, to what and why is a step of the case's history, for staff only.
/// </summary>
public sealed class CaseReclassification(ComplaintStore store, ComplaintWork work, ComplaintHistory history, ReferenceCatalog catalog, AuditLog audit, TimeProvider time)
{
    public const int MinReason = ReporterIdentityAccess.MinReason;
    public const int MaxReason = ReporterIdentityAccess.MaxReason;

    /// <summary>The case summary after the change; null (with no errors) when the case does not exist for this person.</summary>
    public async Task<(StaffComplaintSummary? Complaint, ValidationErrors Errors)> ReclassifyAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var wanted = Read(body, catalog, errors);
        if (wanted is null)
        {
            return (null, errors);
        }

        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        var changes = wanted.ChangesTo(found, catalog);
        if (changes.Count == 0)
        {
            // Nothing differs from the case as it is: nothing to record, nothing to change.
            return (StaffComplaintSummary.Of(found, time.GetUtcNow()), errors);
        }

        // The reason may name people, so it goes to the sealed history, not the trail; the trail
        // says which fields moved (the agency only that it did: it is free text from the reporter).
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintReclassify, found.Region, complaintId, Detail: Describe(changes)), cancellationToken);
        StatusChange? made = null;
        var movedAway = false;
        var updated = await work.UpdateAsync(complaintId, complaint =>
        {
            // Judged again on the case as it is under the ETag: another officer may have changed
            // it since, or transferred it out of this officer's scope.
            movedAway = !staff.Scope.Covers(complaint.Region);
            var now = movedAway ? [] : wanted.ChangesTo(complaint, catalog);
            if (now.Count == 0)
            {
                return false;
            }

            wanted.ApplyTo(complaint, catalog);
            made = new StatusChange(Json.EnumNames.Parse<ComplaintStatus>(complaint.Status), time.GetUtcNow(), wanted.Reason, Public: false, By: staff.Id, Changes: now);
            return true;
        }, cancellationToken);
        if (updated is null || movedAway)
        {
            return (null, errors);
        }

        if (made is not null)
        {
            await history.AppendAsync(complaintId, made, cancellationToken);
        }

        return (StaffComplaintSummary.Of(updated, time.GetUtcNow()), errors);
    }

    /// <summary>The body read and checked; null when it is wrong (the errors say why).</summary>
    public static Reclassification? Read(JsonElement body, ReferenceCatalog catalog, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        var fields = JsonFields.ForBody(body, errors);
        if (fields is null)
        {
            return null;
        }

        var reason = fields.Text("reason", required: true, MaxReason, MinReason, multiline: true);
        var category = fields.Text("category", required: false, ComplaintLimits.ShortText);
        if (category is not null && catalog.FindCategory(category) is null)
        {
            fields.Fail("category", Messages.UnknownCategory);
        }

        var province = fields.Text("province", required: false, ComplaintLimits.ShortText)?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            fields.Fail("province", Messages.UnknownProvince);
        }

        var agency = fields.Text("agency", required: false, ComplaintLimits.Agency);
        // Judged on what was read, not on what was sent: a blank agency changes nothing either.
        string[] changeable = ["category", "province", "agency"];
        if (category is null && province is null && agency is null && !changeable.Any(errors.Has))
        {
            foreach (var name in changeable)
            {
                fields.Fail(name, Messages.NothingToReclassify);
            }
        }

        return errors.IsEmpty ? new Reclassification(reason!, category, province, agency) : null;
    }

    private static string Describe(IReadOnlyList<FieldChange> changes) =>
        string.Join("; ", changes.Select(c => c.Field == "agency" ? "agency changed" : $"{c.Field}: {c.From ?? "none"} -> {c.To ?? "none"}"));
}

/// <summary>A checked reclassification: the reason, and the fields to set (null: left as they are).</summary>
public sealed record Reclassification(string Reason, string? Category, string? Province, string? Agency)
{
    /// <summary>
    /// What would change on <paramref name="complaint"/>, field by field. A province of another
    /// region moves the region too, and takes the assignee off the case: the officer assigned in
    /// the old region can no longer see it, and the new office must find it among its unassigned cases.
    /// </summary>
    public IReadOnlyList<FieldChange> ChangesTo(ComplaintEntity complaint, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(catalog);
        var changes = new List<FieldChange>();
        if (Category is not null && Category != complaint.Category)
        {
            changes.Add(new FieldChange("category", complaint.Category, Category));
        }

        if (Province is not null && Province != complaint.Province)
        {
            changes.Add(new FieldChange("province", complaint.Province, Province));
            var region = catalog.RegionOf(Province);
            if (region != complaint.Region)
            {
                changes.Add(new FieldChange("region", complaint.Region.ToString(CultureInfo.InvariantCulture), region.ToString(CultureInfo.InvariantCulture)));
                if (!string.IsNullOrEmpty(complaint.Assignee))
                {
                    changes.Add(new FieldChange("assignee", complaint.Assignee, null));
                }
            }
        }

        if (Agency is not null && Agency != complaint.Agency)
        {
            changes.Add(new FieldChange("agency", complaint.Agency, Agency));
        }

        return changes;
    }

    /// <summary>Sets what <see cref="ChangesTo"/> found on the complaint.</summary>
    public void ApplyTo(ComplaintEntity complaint, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var change in ChangesTo(complaint, catalog))
        {
            switch (change.Field)
            {
                case "category": complaint.Category = change.To!; break;
                case "province": complaint.Province = change.To!; break;
                case "region": complaint.Region = int.Parse(change.To!, CultureInfo.InvariantCulture); break;
                case "assignee": complaint.Assignee = null; break;
                case "agency": complaint.Agency = change.To!; break;
                default: throw new InvalidOperationException($"No field {change.Field} to reclassify.");
            }
        }
    }
}
