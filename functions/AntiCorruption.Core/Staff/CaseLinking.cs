using System.Text.Json;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Marks two tips as the same affair, or as related: <c>POST /api/staff/complaints/{id}/links</c>,
/// body <c>{"otherId","relation"}</c>. Both cases must be in the officer's scope; a case outside
/// it is answered as one that does not exist, so linking cannot be used to probe for another
/// region's case ids. Links are read back only towards cases the reader may see
/// (<see cref="VisibleAsync"/>).
/// </summary>
public sealed class CaseLinking(ComplaintStore store, CaseLinks links, AuditLog audit, TimeProvider time)
{
    /// <summary>The relations a client may ask for; <c>duplicated_by</c> is only ever the mirror of <c>duplicate_of</c>.</summary>
    private static readonly CaseRelation[] Requestable = [CaseRelation.DuplicateOf, CaseRelation.Related];

    /// <summary>How many other cases a read looks up at once to learn their region.</summary>
    private const int LookupsAtOnce = 16;

    /// <summary>
    /// The link as made, and whether it is new (false when the pair was already linked so: nothing
    /// changes then). Null with no errors when either case does not exist for this person.
    /// </summary>
    public async Task<(LinkResult? Link, ValidationErrors Errors)> LinkAsync(StaffMember staff, string complaintId, JsonElement body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var otherId = fields?.Text("otherId", required: true, 64);
        var relationText = fields?.Text("relation", required: true, 32);
        if (otherId is not null && !ComplaintIds.IsValid(otherId))
        {
            errors.Add("otherId", Messages.InvalidComplaintId);
        }
        else if (otherId is not null && otherId == complaintId)
        {
            errors.Add("otherId", Messages.LinkToItself);
        }

        var relation = relationText is null ? null : Requestable.Cast<CaseRelation?>().FirstOrDefault(r => EnumNames.Of(r!.Value) == relationText);
        if (relationText is not null && relation is null)
        {
            errors.Add("relation", Messages.UnknownRelation);
        }

        if (!errors.IsEmpty || otherId is null || relation is null)
        {
            return (null, errors);
        }

        // The other case is looked up only after this one is found in scope: a caller who may not
        // see this case learns nothing about the other.
        var found = await store.GetAsync(complaintId, cancellationToken);
        if (found is null || !staff.Scope.Covers(found.Region))
        {
            return (null, errors);
        }

        var otherRegion = await store.RegionOfAsync(otherId, cancellationToken);
        if (otherRegion is null || !staff.Scope.Covers(otherRegion.Value))
        {
            return (null, errors);
        }

        // The record names both cases. Within one region it is that region's; across two it
        // belongs to neither alone (null: head office's trail), or a region's auditors would
        // learn the id of a case of another region.
        var auditRegion = found.Region == otherRegion ? found.Region : (int?)null;
        await audit.RecordAsync(staff, new AuditEntry(AuditActions.ComplaintLink, auditRegion, complaintId, Target: otherId, Detail: EnumNames.Of(relation.Value)), cancellationToken);
        var existing = await links.GetAsync(complaintId, otherId, cancellationToken);
        if (existing is not null && existing.Relation == relation)
        {
            return (new LinkResult(existing, Created: false), errors);
        }

        var link = await links.SetAsync(complaintId, otherId, relation.Value, staff.Id, time.GetUtcNow(), cancellationToken);
        return (new LinkResult(link, Created: true), errors);
    }

    /// <summary>
    /// The links of a case that <paramref name="staff"/> may know of: each other case is looked up
    /// as it is now (it may have been transferred since the link was made), and a link to a case
    /// outside the reader's scope, or gone, is left out as if it were not there.
    /// </summary>
    public async Task<IReadOnlyList<CaseLink>> VisibleAsync(StaffMember staff, string complaintId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var all = await links.ReadAsync(complaintId, cancellationToken);
        var visible = new List<CaseLink>(all.Count);
        foreach (var batch in all.Chunk(LookupsAtOnce))
        {
            var regions = await Task.WhenAll(batch.Select(l => store.RegionOfAsync(l.Id, cancellationToken)));
            visible.AddRange(batch.Where((_, i) => regions[i] is { } region && staff.Scope.Covers(region)));
        }

        return visible;
    }
}

/// <summary>A link as the link route answers it: <see cref="Created"/> is false when the pair was already linked so.</summary>
public sealed record LinkResult(CaseLink Link, bool Created);
