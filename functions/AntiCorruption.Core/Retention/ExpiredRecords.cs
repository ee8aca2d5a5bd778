using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// Deletes working records once they have served their purpose (PDPA: keep personal data only as
/// long as needed): idempotency answers after an hour (they hold a sealed tracking code, and a
/// retry of a lost answer comes within minutes), LINE
/// conversations left for a day (a half-written tip), and LINE event markers after a week (LINE
/// redelivers within hours); rate-limit counters after a day (their key changes
/// with the day anyway).
/// </summary>
public sealed partial class ExpiredRecords(StorageAccount storage, TimeProvider time, ILogger<ExpiredRecords> logger)
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> Lifetimes = new Dictionary<string, TimeSpan>
    {
        [StorageNames.IdempotencyTable] = TimeSpan.FromHours(1),
        [StorageNames.LineConversationsTable] = TimeSpan.FromDays(1),
        [StorageNames.LineEventsTable] = TimeSpan.FromDays(7),
        [StorageNames.RateLimitsTable] = TimeSpan.FromDays(1),
    };

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (table, lifetime) in Lifetimes)
        {
            var client = storage.Table(table);
            var cutoff = time.GetUtcNow() - lifetime;
            await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Timestamp lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                try
                {
                    await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                    deleted++;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Changed since it was read: in use again, so it stays.
                }
            }
        }

        LogPurged(logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired working records")]
    private static partial void LogPurged(ILogger logger, int count);
}
