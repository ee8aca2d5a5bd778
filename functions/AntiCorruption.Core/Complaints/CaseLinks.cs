using Azure.Data.Tables;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Links between cases, in table <c>complaintlinks</c>: one row per case and linked case
/// (PartitionKey the case, RowKey the other case), written in both directions, so that either case
/// reads its links with one partition query and a case can hold thousands of them without any
/// property growing. A pair has one link: linking it again with another relation replaces it.
/// Rows hold ids, a relation and a staff id, nothing personal, so they are not sealed.
/// </summary>
public sealed class CaseLinks(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(StorageNames.LinksTable);

    /// <summary>The link from <paramref name="complaintId"/> to <paramref name="otherId"/>, or null.</summary>
    public async Task<CaseLink?> GetAsync(string complaintId, string otherId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(complaintId, otherId, cancellationToken: cancellationToken);
        return row.HasValue ? LinkOf(row.Value!) : null;
    }

    /// <summary>
    /// Links the two cases, as seen from <paramref name="complaintId"/>. The two rows are in two
    /// partitions, so no batch makes them one write: the other case's row goes first, so that a
    /// case's own row exists only once its mirror does, and a caller that finds the own row as it
    /// wants it may trust that the link is whole. A failure between the two leaves a mirror
    /// row alone, which the retry overwrites.
    /// </summary>
    public async Task<CaseLink> SetAsync(string complaintId, string otherId, CaseRelation relation, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(RowOf(otherId, complaintId, Inverse(relation), by, at), TableUpdateMode.Replace, cancellationToken);
        await _table.UpsertEntityAsync(RowOf(complaintId, otherId, relation, by, at), TableUpdateMode.Replace, cancellationToken);
        return new CaseLink(otherId, relation, at, by);
    }

    /// <summary>Every link of a case, by the other case's id; the caller decides which of the other cases the reader may know of.</summary>
    public async Task<IReadOnlyList<CaseLink>> ReadAsync(string complaintId, CancellationToken cancellationToken)
    {
        var links = new List<CaseLink>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {complaintId}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            links.Add(LinkOf(row));
        }

        return links;
    }

    /// <summary>The same link seen from the other case: a duplicate of B makes B duplicated by it.</summary>
    public static CaseRelation Inverse(CaseRelation relation) => relation switch
    {
        CaseRelation.DuplicateOf => CaseRelation.DuplicatedBy,
        CaseRelation.DuplicatedBy => CaseRelation.DuplicateOf,
        _ => relation,
    };

    private static TableEntity RowOf(string complaintId, string otherId, CaseRelation relation, string by, DateTimeOffset at) =>
        new(complaintId, otherId) { ["Relation"] = EnumNames.Of(relation), ["At"] = at, ["By"] = by };

    private static CaseLink LinkOf(TableEntity row) =>
        new(row.RowKey, EnumNames.Parse<CaseRelation>(row.GetString("Relation")), row.GetDateTimeOffset("At")!.Value, row.GetString("By"));
}

/// <summary>How a case relates to another: <c>duplicate_of</c> it, <c>duplicated_by</c> it (the other side of duplicate_of), or <c>related</c>.</summary>
public enum CaseRelation
{
    DuplicateOf,
    DuplicatedBy,
    Related,
}

/// <summary>A link of a case: the other case's id, the relation, when and by whom (the staff id) it was made.</summary>
public sealed record CaseLink(string Id, CaseRelation Relation, DateTimeOffset At, string By);
