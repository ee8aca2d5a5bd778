using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// A complaint's status history, sealed. The first entries (received, registered) are written
/// with the complaint, in its <c>History</c> property; every later change is a row of its own in
/// <c>complainthistory</c> (one partition per complaint), so no property grows with a case and a
/// case can hold thousands of changes. Complaints stored before the rows existed keep every change
/// of that time in the property, and are read the same way.
/// </summary>
public sealed class ComplaintHistory(StorageAccount storage, PiiProtector pii)
{
    private readonly TableClient _table = storage.Table(StorageNames.ComplaintHistoryTable);

    /// <summary>The entries a complaint is stored with.</summary>
    public void WriteFirst(ComplaintEntity complaint, IEnumerable<StatusChange> history)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.History = pii.SealJson(history.ToArray(), ComplaintEntity.HistoryContext(complaint.ComplaintId));
    }

    /// <summary>Adds one change; rows sort by time, and two changes in one tick keep both.</summary>
    public async Task AppendAsync(string complaintId, StatusChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var rowKey = $"{change.At.UtcTicks:D19}-{Guid.NewGuid():N}";
        await _table.AddEntityAsync(
            new TableEntity(complaintId, rowKey) { ["Change"] = pii.SealJson(change, RowContext(complaintId, rowKey)) },
            cancellationToken);
    }

    /// <summary>Everything, oldest first.</summary>
    public async Task<IReadOnlyList<StatusChange>> ReadAsync(ComplaintEntity complaint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var history = complaint.History.Length == 0
            ? new List<StatusChange>()
            : [.. pii.OpenJson<StatusChange[]>(complaint.History, ComplaintEntity.HistoryContext(complaint.ComplaintId))];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {complaint.ComplaintId}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            history.Add(pii.OpenJson<StatusChange>(row.GetBinary("Change"), RowContext(complaint.ComplaintId, row.RowKey)));
        }

        return history;
    }

    private static string RowContext(string complaintId, string rowKey) => $"history/{complaintId}/{rowKey}";
}
