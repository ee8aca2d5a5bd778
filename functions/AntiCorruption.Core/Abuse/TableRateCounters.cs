using System.Globalization;
using AntiCorruption.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Counters every instance shares, in the <c>ratelimits</c> table: one partition per client,
/// action and day, one row per ten-minute segment with its count. A use is taken by a write
/// conditional on the segment's ETag (or an insert that fails if another instance inserted
/// first), so two instances never both take the last permit. The rows hold only a keyed, daily
/// salted hash of the client; <see cref="Retention.ExpiredRecords"/> deletes them after a day.
/// </summary>
public sealed class TableRateCounters(StorageAccount storage) : IRateCounters
{
    /// <summary>Writers racing for one client's segment; past this the caller is told to slow down.</summary>
    private const int Attempts = 5;
    private readonly TableClient _table = storage.Table(StorageNames.RateLimitsTable);

    public async Task<RateDecision> AcquireAsync(string counter, int limit, int permits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = RateWindow.SegmentOf(now);
        var currentKey = RowKeyOf(current);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var counts = new Dictionary<int, int>();
            TableEntity? currentRow = null;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {counter} and RowKey ge {RowKeyOf(RateWindow.FirstSegment(current))} and RowKey le {currentKey}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Count"], cancellationToken: cancellationToken))
            {
                counts[int.Parse(row.RowKey, CultureInfo.InvariantCulture)] = row.GetInt32("Count") ?? 0;
                currentRow = row.RowKey == currentKey ? row : currentRow;
            }

            var decision = RateWindow.Decide(counts, limit, permits, now);
            if (!decision.Allowed || permits == 0)
            {
                return decision;
            }

            try
            {
                var next = new TableEntity(counter, currentKey) { ["Count"] = counts.GetValueOrDefault(current) + permits };
                if (currentRow is null)
                {
                    await _table.AddEntityAsync(next, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(next, currentRow.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return decision;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance counted in between: read again and decide on what it wrote.
            }
        }

        // A client whose own requests keep colliding is sending them in a burst: it can wait a moment.
        return RateDecision.Refuse(TimeSpan.FromSeconds(1));
    }

    private static string RowKeyOf(int segment) => segment.ToString("D3", CultureInfo.InvariantCulture);
}
