using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>A region's cases the daily deadline check marked overdue, this fiscal year and the last: for the officers' morning digest.</summary>
public sealed class OverdueCases(StorageAccount storage, TimeProvider time)
{
    /// <summary>The digest lists at most this many references; the count is always whole.</summary>
    public const int MaxListed = 50;

    private static readonly string[] Columns = ["ComplaintId", nameof(ComplaintEntity.AcknowledgeOverdue), nameof(ComplaintEntity.FeedbackOverdue), nameof(ComplaintEntity.ReceivedAt)];
    private readonly TableClient _complaints = storage.Table(StorageNames.ComplaintsTable);

    public async Task<OverdueCount> OfRegionAsync(int region, CancellationToken cancellationToken)
    {
        var year = FiscalYear.Of(time.GetUtcNow());
        var rows = await Task.WhenAll(new[] { year.Previous, year }.SelectMany(ComplaintEntity.PartitionsOf).Select(async partition =>
        {
            var found = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Region eq {region} and (AcknowledgeOverdue eq {true} or FeedbackOverdue eq {true})");
            await foreach (var row in _complaints.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
            {
                found.Add(row);
            }

            return found;
        }));
        var all = rows.SelectMany(r => r).OrderBy(r => r.GetDateTimeOffset(nameof(ComplaintEntity.ReceivedAt))).ToArray();
        return new OverdueCount(
            all.Count(r => r.GetBoolean(nameof(ComplaintEntity.AcknowledgeOverdue)) == true),
            all.Count(r => r.GetBoolean(nameof(ComplaintEntity.AcknowledgeOverdue)) != true),
            [.. all.Take(MaxListed).Select(r => r.GetString("ComplaintId"))]);
    }
}

/// <summary>Overdue for acknowledgement, overdue for feedback only, and the oldest cases' ids.</summary>
public sealed record OverdueCount(int Acknowledge, int Feedback, IReadOnlyList<string> Ids);
