using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Complaints;

/// <summary>The complaints table and its tracking-code index.</summary>
public sealed class ComplaintStore(StorageAccount storage) : Summaries.IFiscalYearComplaints
{
    private readonly TableClient _complaints = storage.Table(StorageNames.ComplaintsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.TrackingCodesTable);

    /// <summary>Inserts the complaint unless it is already there; false when it was (a redelivery).</summary>
    public Task<bool> AddIfAbsentAsync(ComplaintEntity complaint, CancellationToken cancellationToken) =>
        InsertIfAbsentAsync(_complaints, complaint, cancellationToken);

    public Task<bool> AddCodeIfAbsentAsync(TrackingCodeEntity code, CancellationToken cancellationToken) =>
        InsertIfAbsentAsync(_codes, code, cancellationToken);

    public async Task<ComplaintEntity?> FindByTrackingHashAsync(string trackingHash, CancellationToken cancellationToken) =>
        (await FindTrackedAsync(trackingHash, cancellationToken)).Complaint;

    /// <summary>
    /// What a tracking code's keyed hash leads to: its index row (null when the code was never
    /// recorded) and the complaint (null until the processor stores it).
    /// </summary>
    public async Task<(TrackingCodeEntity? Code, ComplaintEntity? Complaint)> FindTrackedAsync(string trackingHash, CancellationToken cancellationToken)
    {
        var code = await _codes.GetEntityIfExistsAsync<TrackingCodeEntity>(TrackingCodeEntity.PartitionOf(trackingHash), trackingHash, cancellationToken: cancellationToken);
        return code.HasValue ? (code.Value, await GetAsync(code.Value!.ComplaintId, cancellationToken)) : (null, null);
    }

    public async Task<ComplaintEntity?> GetAsync(string complaintId, CancellationToken cancellationToken)
    {
        if (!ComplaintIds.IsValid(complaintId))
        {
            return null;
        }

        var entity = await _complaints.GetEntityIfExistsAsync<ComplaintEntity>(
            ComplaintEntity.PartitionOf(complaintId), ComplaintEntity.RowKeyOf(complaintId), cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value : null;
    }

    /// <summary>The region a complaint is in now, or null when there is no such complaint: a small read, for deciding who may know of a case.</summary>
    public async Task<int?> RegionOfAsync(string complaintId, CancellationToken cancellationToken)
    {
        if (!ComplaintIds.IsValid(complaintId))
        {
            return null;
        }

        var entity = await _complaints.GetEntityIfExistsAsync<TableEntity>(
            ComplaintEntity.PartitionOf(complaintId), ComplaintEntity.RowKeyOf(complaintId), select: ["Region"], cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.GetInt32("Region") : null;
    }

    /// <summary>Replaces the complaint if nobody changed it since it was read (its ETag); false if somebody did.</summary>
    public async Task<bool> TryReplaceAsync(ComplaintEntity complaint, CancellationToken cancellationToken)
    {
        try
        {
            await _complaints.UpdateEntityAsync(complaint, complaint.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>
    /// One page of a fiscal year's complaints, newest first. Each of the year's 32 partitions is
    /// read in RowKey order (newest first) from just after <paramref name="afterRowKey"/>, at most a
    /// page from each, and the pages are merged: a page costs 32 small queries however large
    /// the year is.
    /// </summary>
    /// <remarks>The rows carry only <see cref="ListColumns"/>.</remarks>
    public async Task<(IReadOnlyList<ComplaintEntity> Page, string? NextRowKey)> ListAsync(
        FiscalYear year, ComplaintListFilter filter, string? afterRowKey, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filters = filter.ToQueryFilters().ToList();
        if (afterRowKey is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey gt {afterRowKey}"));
        }

        var perPartition = await Task.WhenAll(ComplaintEntity.PartitionsOf(year).Select(async partition =>
        {
            var query = string.Join(" and ", filters.Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")));
            var rows = new List<ComplaintEntity>(pageSize + 1);
            // What the table cannot filter (the agency search) is matched here, reading on until
            // the partition has a page of matches or no more rows.
            await foreach (var row in _complaints.QueryAsync<ComplaintEntity>(query, maxPerPage: pageSize + 1, select: ListColumns, cancellationToken: cancellationToken))
            {
                if (filter.Matches(row))
                {
                    rows.Add(row);
                }

                if (rows.Count > pageSize)
                {
                    break;
                }
            }

            return rows;
        }));
        var merged = perPartition.SelectMany(rows => rows).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var page = merged.Take(pageSize).ToArray();
        return (page, merged.Count > pageSize ? page[^1].RowKey : null);
    }

    /// <summary>
    /// The columns a staff list shows (<see cref="Staff.StaffComplaintSummary"/>) and matches in
    /// memory: the sealed case text and identity stay behind, which is most of a row's bytes.
    /// </summary>
    public static readonly IReadOnlyList<string> ListColumns =
    [
        "PartitionKey", "RowKey", "ComplaintId", "ReceivedAt", "UpdatedAt", "Status", "Channel", "Category", "Province", "Region",
        "Agency", "Anonymous", "AcknowledgeBy", "FeedbackDueBy", "Acknowledged", "FeedbackGiven", "Assignee",
    ];

    /// <summary>The columns a fiscal-year compile reads: no sealed data, so nothing personal and little to carry.</summary>
    public static readonly IReadOnlyList<string> StatisticsColumns =
    [
        "PartitionKey", "RowKey", "ComplaintId", "Status", "ReceivedAt", "Channel", "Category", "Province", "Region", "Agency",
        "IncidentDate", "AmountThb", "Anonymous", "AttachmentIds", "AcknowledgedAt", "ClosedAt", "AcknowledgeBy", "FeedbackDueBy", "FiscalYear",
        "FeedbackAt",
    ];

    /// <summary>
    /// Every complaint of a fiscal year, newest first, without the sealed columns. The 32 partitions
    /// are read side by side and merged one row at a time; each partition fetches its next page
    /// while the current one is consumed, so the caller's work overlaps the reads. Memory holds
    /// two pages per partition however many complaints the year has.
    /// </summary>
    public async IAsyncEnumerable<ComplaintEntity> StreamYearAsync(FiscalYear year, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readers = ComplaintEntity.PartitionsOf(year)
            .Select(p => new PrefetchingReader<ComplaintEntity>(_complaints.QueryAsync<ComplaintEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {p}"), select: StatisticsColumns, cancellationToken: cancellationToken).AsPages()))
            .ToArray();
        try
        {
            var heads = new PriorityQueue<int, string>(StringComparer.Ordinal);
            var moved = await Task.WhenAll(readers.Select(c => c.MoveNextAsync().AsTask()));
            for (var i = 0; i < readers.Length; i++)
            {
                if (moved[i])
                {
                    heads.Enqueue(i, readers[i].Current.RowKey);
                }
            }

            while (heads.TryDequeue(out var next, out _))
            {
                yield return readers[next].Current;
                if (await readers[next].MoveNextAsync())
                {
                    heads.Enqueue(next, readers[next].Current.RowKey);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>Every complaint of a fiscal year that matches an OData filter, read partition by partition.</summary>
    public async IAsyncEnumerable<ComplaintEntity> ScanAsync(FiscalYear year, string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = filter is null ? ComplaintEntity.FiscalYearFilter(year) : $"({ComplaintEntity.FiscalYearFilter(year)}) and ({filter})";
        await foreach (var row in _complaints.QueryAsync<ComplaintEntity>(query, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Insert, not upsert: a redelivered message must never overwrite what staff changed since.
    /// </summary>
    private static async Task<bool> InsertIfAbsentAsync<T>(TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
