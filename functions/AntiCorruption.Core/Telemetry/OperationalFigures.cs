using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Core.Telemetry;

/// <summary>What <see cref="OperationalFigures"/> read at one moment.</summary>
/// <param name="QueueDepths">Approximate messages waiting, per queue (every queue of <see cref="StorageNames"/> and its poison queue).</param>
/// <param name="OverdueByRegion">Complaints overdue now, per region 0 to 9 (every region, 0 when none).</param>
/// <param name="ReceivedLastHour">Complaints stored whose receipt was in the hour up to now.</param>
public sealed record OperationalSnapshot(
    IReadOnlyDictionary<string, int> QueueDepths,
    IReadOnlyDictionary<int, int> OverdueByRegion,
    int ReceivedLastHour);

/// <summary>
/// The figures the operational metrics report (<see cref="OperationalMetrics"/>), read from storage
/// with bounded reads:
/// <list type="bullet">
/// <item>queue depth: one properties read per queue (its approximate message count); a queue that
/// does not exist, as a poison queue before its first failure, has 0;</item>
/// <item>overdue complaints: overdue exactly as the staff list's <c>overdue=true</c> and the daily
/// <see cref="OverdueCheck"/> judge it (acknowledgement past 7 days, or feedback past 3 months on a
/// case still open), over the same window, the current and previous fiscal year. There is no index
/// of open or late cases, so this is a filtered query per partition of those two years (64
/// queries side by side), the filter applied by the table service and only <c>Region</c> sent
/// back: storage reads the two years' rows, but only the late ones cross the network;</item>
/// <item>complaints received in the last hour: the RowKey is the complemented complaint id, a
/// ULID that starts with its receipt time, so the hour is a RowKey range at the head of each of
/// the year's partitions: only that hour's rows are read.</item>
/// </list>
/// Complaints still on the queue are in the queue depth, not in these counts.
/// </summary>
public sealed class OperationalFigures(StorageAccount storage, TimeProvider time)
{
    public const int Regions = 10;

    /// <summary>Every queue the app uses and its poison queue, without repeats.</summary>
    public static IReadOnlyList<string> MeasuredQueues { get; } = StorageNames.Queues
        .Where(q => !q.EndsWith("-poison", StringComparison.Ordinal))
        .SelectMany(q => new[] { q, StorageNames.PoisonQueueOf(q) })
        .ToArray();

    private static readonly string[] RegionColumn = ["Region"];
    private static readonly string[] ReceivedColumn = ["ReceivedAt"];

    private readonly TableClient _complaints = storage.Table(StorageNames.ComplaintsTable);

    public async Task<OperationalSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var depths = Task.WhenAll(MeasuredQueues.Select(async queue => (queue, depth: await DepthAsync(queue, cancellationToken))));
        var overdue = OverdueByRegionAsync(now, cancellationToken);
        var received = ReceivedBetweenAsync(now - TimeSpan.FromHours(1), now, cancellationToken);
        await Task.WhenAll(depths, overdue, received);
        return new OperationalSnapshot(
            (await depths).ToDictionary(d => d.queue, d => d.depth, StringComparer.Ordinal),
            await overdue,
            await received);
    }

    private async Task<int> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return 0;
        }
    }

    private async Task<IReadOnlyDictionary<int, int>> OverdueByRegionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var year = FiscalYear.Of(now);
        var late = string.Join(" and ", new ComplaintListFilter(OverdueAt: now).ToQueryFilters());
        var regions = await Task.WhenAll(new[] { year.Previous, year }.SelectMany(ComplaintEntity.PartitionsOf).Select(async partition =>
        {
            var found = new List<int>();
            var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and {late}";
            await foreach (var row in _complaints.QueryAsync<TableEntity>(filter, select: RegionColumn, cancellationToken: cancellationToken))
            {
                found.Add(row.GetInt32("Region") ?? -1);
            }

            return found;
        }));
        var counts = Enumerable.Range(0, Regions).ToDictionary(region => region, _ => 0);
        foreach (var region in regions.SelectMany(r => r).Where(counts.ContainsKey))
        {
            counts[region]++;
        }

        return counts;
    }

    private async Task<int> ReceivedBetweenAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // The newest first in each partition: ids made at or after `since` have RowKeys up to this one.
        var newerThan = ComplaintEntity.RowKeyOf(Crockford.Of128((UInt128)((ulong)since.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF) << 80));
        var years = new[] { FiscalYear.Of(since), FiscalYear.Of(until) }.Distinct();
        var counts = await Task.WhenAll(years.SelectMany(ComplaintEntity.PartitionsOf).Select(async partition =>
        {
            var count = 0;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey le {newerThan} and ReceivedAt gt {since} and ReceivedAt le {until}");
            await foreach (var _ in _complaints.QueryAsync<TableEntity>(filter, select: ReceivedColumn, cancellationToken: cancellationToken))
            {
                count++;
            }

            return count;
        }));
        return counts.Sum();
    }
}
