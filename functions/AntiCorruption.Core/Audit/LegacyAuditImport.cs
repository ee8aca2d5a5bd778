using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Audit;

/// <summary>
/// Moves the rows of the <c>audit</c> table, where records were kept before the trail, into the
/// trail at startup, so that an office upgrading a running system keeps its history readable
/// (through <c>GET /api/staff/audit</c>, by its original time) and under the chain. A row is
/// claimed (If-Match) before it is copied and deleted only after, so an instance that stops
/// half-way loses nothing: the next start finds the claim stale and sees in the trail whether
/// the copy was made. Imported records name their old row as <c>target</c> (<c>legacy:...</c>).
/// </summary>
public sealed class LegacyAuditImport(StorageAccount storage, AuditTrailStore trail, ComplaintStore complaints, TimeProvider time) : IStorageSeed
{
    public const string TargetPrefix = "legacy:";
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private readonly TableClient _table = storage.Table(StorageNames.AuditTable);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var copied = await CopiedAsync(cancellationToken);
        var regions = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(r => r.GetDateTimeOffset("At")).ThenBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var key = $"{TargetPrefix}{row.PartitionKey}/{row.RowKey}";
            if (row.GetString("ClaimedAt") is { } claimed && time.GetUtcNow() - DateTimeOffset.Parse(claimed, System.Globalization.CultureInfo.InvariantCulture) < StaleClaim)
            {
                continue;
            }

            row["ClaimedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                row.ETag = (await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken)).Headers.ETag ?? ETag.All;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue; // another instance has it
            }

            if (!copied.Contains(key))
            {
                var complaintId = row.GetString("ComplaintId");
                if (complaintId is not null && !regions.ContainsKey(complaintId))
                {
                    regions[complaintId] = (await complaints.GetAsync(complaintId, cancellationToken))?.Region;
                }

                await trail.AppendAsync(
                    new AuditDraft(row.GetDateTimeOffset("At") ?? row.Timestamp ?? time.GetUtcNow(), row.GetString("Actor"), row.GetString("ActorName"), row.GetString("Action") ?? "unknown",
                        complaintId is null ? null : regions[complaintId], complaintId, key, row.GetString("Detail")),
                    cancellationToken);
            }

            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
    }

    private async Task<HashSet<string>> CopiedAsync(CancellationToken cancellationToken)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var blob in await trail.BlobNamesAsync("", cancellationToken))
        {
            foreach (var line in await trail.ReadLinesAsync(blob, cancellationToken))
            {
                if (AuditRecord.Parse(line.Span) is { Record.Target: { } target } && target.StartsWith(TargetPrefix, StringComparison.Ordinal))
                {
                    copied.Add(target);
                }
            }
        }

        return copied;
    }
}
