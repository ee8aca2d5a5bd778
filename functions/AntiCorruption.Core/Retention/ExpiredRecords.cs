using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// Deletes working records once they have served their purpose (PDPA: keep personal data only as
/// long as needed), each kind after the period <c>seeds/retention.json</c> gives it, counted from
/// the row's last change: idempotency answers (they hold a sealed tracking code, and a retry of a
/// lost answer comes within minutes), LINE conversations left unfinished (a half-written tip),
/// LINE event markers (LINE redelivers within hours) and rate-limit counters (their key changes
/// with the day anyway).
/// </summary>
public sealed partial class ExpiredRecords(StorageAccount storage, RetentionSchedule schedule, TimeProvider time, ILogger<ExpiredRecords> logger)
{
    /// <summary>The table each working kind of the schedule lives in.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        [RetentionKinds.IdempotencyAnswers] = StorageNames.IdempotencyTable,
        [RetentionKinds.LineConversations] = StorageNames.LineConversationsTable,
        [RetentionKinds.LineEventMarkers] = StorageNames.LineEventsTable,
        [RetentionKinds.RateLimitCounters] = StorageNames.RateLimitsTable,
        [RetentionKinds.SentNotices] = StorageNames.SentNoticesTable,
        [RetentionKinds.StaffAddresses] = StorageNames.StaffDirectoryTable,
    };

    /// <summary>Each table's period, as the schedule gives it.</summary>
    public IReadOnlyDictionary<string, RetentionPeriod> Lifetimes { get; } =
        Tables.ToDictionary(t => t.Value, t => schedule[t.Key].Period);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (table, lifetime) in Lifetimes)
        {
            var client = storage.Table(table);
            var cutoff = lifetime.Before(time.GetUtcNow());
            // A LINE user's list of cases linked for news lives beside the conversations and is no working record.
            var filter = table == StorageNames.LineConversationsTable
                ? TableClient.CreateQueryFilter($"Timestamp lt {cutoff} and RowKey lt {Line.LineNotifyLinks.RowPrefix}")
                : TableClient.CreateQueryFilter($"Timestamp lt {cutoff}");
            await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
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
