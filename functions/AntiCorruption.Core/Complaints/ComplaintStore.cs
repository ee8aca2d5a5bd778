using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>The complaints table and its tracking-code index.</summary>
public sealed class ComplaintStore(StorageAccount storage)
{
    private readonly TableClient _complaints = storage.Table(StorageNames.ComplaintsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.TrackingCodesTable);

    /// <summary>Inserts the complaint unless it is already there; false when it was (a redelivery).</summary>
    public Task<bool> AddIfAbsentAsync(ComplaintEntity complaint, CancellationToken cancellationToken) =>
        InsertIfAbsentAsync(_complaints, complaint, cancellationToken);

    public Task<bool> AddCodeIfAbsentAsync(TrackingCodeEntity code, CancellationToken cancellationToken) =>
        InsertIfAbsentAsync(_codes, code, cancellationToken);

    public async Task<ComplaintEntity?> FindByTrackingHashAsync(string trackingHash, CancellationToken cancellationToken)
    {
        var code = await _codes.GetEntityIfExistsAsync<TrackingCodeEntity>(TrackingCodeEntity.PartitionOf(trackingHash), trackingHash, cancellationToken: cancellationToken);
        return code.HasValue ? await GetAsync(code.Value!.ComplaintPartition, code.Value.ComplaintId, cancellationToken) : null;
    }

    public async Task<ComplaintEntity?> GetAsync(string partition, string complaintId, CancellationToken cancellationToken)
    {
        var entity = await _complaints.GetEntityIfExistsAsync<ComplaintEntity>(partition, complaintId, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value : null;
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
