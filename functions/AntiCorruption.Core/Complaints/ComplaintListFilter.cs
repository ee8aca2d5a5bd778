using Azure.Data.Tables;
using AntiCorruption.Core.Hotspots;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// What a staff list asks for. Everything but the agency search and "unassigned" becomes a table
/// filter; the agency is matched after normalisation (so "อบต." finds "องค์การบริหารส่วนตำบล"),
/// which the table cannot do.
/// <para>
/// <see cref="Unassigned"/> is matched after the query too. A table filter can only compare a
/// property that is there, and an unassigned case has no <c>Assignee</c> property: complaints
/// stored before assignment existed never had one, and the SDK leaves a null out of the row. The
/// other way, a migration writing an empty <c>Assignee</c> on every stored row, would have to
/// rewrite every complaint of every year (under ETags, racing officers' changes) and then keep
/// every writer from ever leaving the property out again; one missed writer and its cases would
/// vanish from "unassigned" silently. Matching here is right for rows of any age, at the cost the
/// agency search already pays: the partition is read on until a page of matches is found.
/// </para>
/// </summary>
public sealed record ComplaintListFilter(
    IReadOnlyCollection<int>? Regions = null,
    string? Status = null,
    string? Category = null,
    string? Province = null,
    DateTimeOffset? OverdueAt = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Before = null,
    string? Agency = null,
    string? Assignee = null,
    bool Unassigned = false)
{
    private readonly string? _agencyKey = Agency is null ? null : AgencyNames.Normalize(Agency);

    public IEnumerable<string> ToQueryFilters()
    {
        if (Regions is not null)
        {
            yield return "(" + string.Join(" or ", Regions.Select(region => TableClient.CreateQueryFilter($"Region eq {region}"))) + ")";
        }

        if (Status is not null)
        {
            yield return TableClient.CreateQueryFilter($"Status eq {Status}");
        }

        if (Category is not null)
        {
            yield return TableClient.CreateQueryFilter($"Category eq {Category}");
        }

        if (Province is not null)
        {
            yield return TableClient.CreateQueryFilter($"Province eq {Province}");
        }

        if (OverdueAt is { } now)
        {
            // As the list flags them, whether or not the daily check has run yet.
            yield return "(" + TableClient.CreateQueryFilter($"(Acknowledged eq false and AcknowledgeBy lt {now}) or (FeedbackGiven eq false and FeedbackDueBy lt {now} and Status ne {"closed"} and Status ne {"dismissed"} and Status ne {"referred"})") + ")";
        }

        if (Assignee is not null)
        {
            yield return TableClient.CreateQueryFilter($"Assignee eq {Assignee}");
        }

        if (From is { } from)
        {
            yield return TableClient.CreateQueryFilter($"ReceivedAt ge {from}");
        }

        if (Before is { } before)
        {
            yield return TableClient.CreateQueryFilter($"ReceivedAt lt {before}");
        }
    }

    public bool Matches(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return (!Unassigned || string.IsNullOrEmpty(complaint.Assignee))
            && (_agencyKey is null || AgencyNames.Normalize(complaint.Agency).Contains(_agencyKey, StringComparison.Ordinal));
    }
}
