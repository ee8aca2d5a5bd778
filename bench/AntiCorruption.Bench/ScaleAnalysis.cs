using System.Security.Cryptography;
using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Bench;

/// <summary>
/// How the storage design spreads 20,000 complaints a second over Azure's limits: the partition
/// of each row is computed by the app's own key functions for a second's worth of complaints.
/// </summary>
internal static class ScaleAnalysis
{
    private const int PerSecond = 20_000;
    private const int PartitionLimit = 2_000;
    private const int AccountLimit = 20_000;
    private const int QueueLimit = 2_000;

    public static string Write(double intakeCalls, double processingCalls)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, PerSecond).Select(i => ComplaintIds.New(now.AddTicks(i * (TimeSpan.TicksPerSecond / PerSecond)))).ToArray();
        var complaintLoad = ids.GroupBy(id => ComplaintEntity.PartitionOf(id)).Select(g => g.Count()).ToArray();
        var codeLoad = ids.Select(_ => TrackingCodeEntity.PartitionOf(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)))).GroupBy(p => p).Select(g => g.Count()).ToArray();
        var processingRequests = PerSecond * processingCalls;
        var intakeRequests = PerSecond * intakeCalls;
        return new Markdown()
            .Line("## Storage at Azure scale: 20,000 complaints per second")
            .Line()
            .Line($"Partitions below were computed with the app's own key functions for {PerSecond:#,0} complaint ids made within one second; the calls per complaint are the ones measured above.")
            .Line()
            .Table(["table / queue", "partition key", "partitions", "busiest partition at 20,000/s", "limit"],
            [
                ["complaints", "`{fiscal year}-{last ULID symbol}`", $"32 per fiscal year ({complaintLoad.Length} hit)", $"{complaintLoad.Max():#,0} rows/s (mean {PerSecond / 32:#,0})", $"{PartitionLimit:#,0} entities/s"],
                ["trackingcodes", "first 2 hex digits of the keyed hash", $"256 ({codeLoad.Length} hit)", $"{codeLoad.Max():#,0} rows/s", $"{PartitionLimit:#,0} entities/s"],
                ["registrations", "workshop id (ledger and its registrations)", "one per workshop", "decisions are batched up to 49 per transaction (99 rows: the ledger, then a line entry deleted and a registration decided for each), so a 10,000-seat workshop needs ~205 transactions", $"{PartitionLimit:#,0} entities/s"],
                ["complaints queue", "(one queue)", "1", $"{PerSecond:#,0} messages/s", $"{QueueLimit:#,0} messages/s"],
            ])
            .Line()
            .Line($"- **Tables spread well.** No complaint partition gets near its limit: 32 shards a year keep the busiest at about a third of it, and the tracking-code index spreads over 256. A year's compile reads only its own 32 partitions in parallel.")
            .Line($"- **The queue and the account do not.** Intake makes {Markdown.N(intakeCalls, "0.00")} storage call per complaint, so 20,000/s is {Markdown.N(intakeRequests, "#,0")} requests/s on one queue, ten times a queue's target of about {QueueLimit:#,0} messages/s. Processing makes {Markdown.N(processingCalls, "0.00")} calls per complaint, {Markdown.N(processingRequests, "#,0")} requests/s, and intake plus processing is {Markdown.N(intakeRequests + processingRequests, "#,0")} requests/s against an account's {AccountLimit:#,0}.")
            .Line($"- **What it would take.** At that rate the design needs the complaints queue sharded (for example `complaints-00`..`complaints-15`, intake choosing by the same last ULID symbol, a trigger per shard) and at least {Math.Ceiling((intakeRequests + processingRequests) / AccountLimit):0} storage accounts (queues and tables split by shard), or Event Hubs in front of the tables. Nothing in the row keys needs to change: each shard already maps to its own partitions.")
            .Line($"- **Where the programme is.** PACC received about 2,500 complaints a year (40,645 from 2008 to 2024); a hundred times that is 250,000 a year, under 0.01 a second on average, and a burst after a news story is hundreds a minute. One account and one queue carry that with orders of magnitude to spare (the emulator alone took the rates measured above), so the sharding is a documented path, not built.")
            .ToString();
    }
}
