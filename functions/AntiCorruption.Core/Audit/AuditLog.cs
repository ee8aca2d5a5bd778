using Azure.Data.Tables;
using AntiCorruption.Core.Staff;
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

    /// <summary>One staff action, recorded before it takes effect: if this throws, the action must not happen.</summary>
    public async Task RecordAsync(StaffMember staff, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(entry);
        var at = time.GetUtcNow();
        var partition = at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var inverted = DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;
        await _table.AddEntityAsync(new TableEntity(partition, $"{inverted:D19}-{Guid.NewGuid():N}")
        {
            ["Actor"] = staff.Id,
            ["ActorName"] = staff.Name,
            ["Action"] = entry.Action,
            ["Region"] = entry.Region,
            ["ComplaintId"] = entry.ComplaintId,
            ["Target"] = entry.Target,
            ["At"] = at,
            ["Detail"] = entry.Detail,
        }, cancellationToken);
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
