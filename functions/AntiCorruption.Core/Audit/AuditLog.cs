using Azure.Data.Tables;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// Append-only record of staff actions on complaints: who, what, when, which complaint. It never
/// holds the personal data that was read, only that it was. Rows are only ever added: one
/// partition per UTC day, newest first within it.
/// </summary>
public sealed class AuditLog(StorageAccount storage, TimeProvider time)
{
    private readonly TableClient _table = storage.Table(StorageNames.AuditTable);

    public Task RecordAsync(string actor, string action, string complaintId, string? detail, CancellationToken cancellationToken) =>
        RecordManyAsync(actor, action, [complaintId], detail, cancellationToken);

    /// <summary>One row per complaint, written as transactions of up to 100 rows (one day, one partition).</summary>
    public async Task RecordManyAsync(string actor, string action, IReadOnlyCollection<string> complaintIds, string? detail, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var partition = at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var inverted = DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;
        var rows = complaintIds.Select(id => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"{inverted:D19}-{Guid.NewGuid():N}")
        {
            ["Actor"] = actor,
            ["Action"] = action,
            ["ComplaintId"] = id,
            ["At"] = at,
            ["Detail"] = detail,
        }));
        foreach (var batch in rows.Chunk(100))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>The audit rows about one complaint on one day, for review.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadAsync(DateOnly day, string complaintId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)} and ComplaintId eq {complaintId}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
