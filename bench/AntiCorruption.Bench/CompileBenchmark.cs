using System.Diagnostics;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.Bench;

/// <summary>
/// The fiscal-year compile: on the emulator's table against reading the same rows and doing
/// nothing; then on generated streams of the table size and of a million, through the same
/// compile code, for time per complaint and peak memory. Each run is a process of its own.
/// </summary>
internal static class CompileBenchmark
{
    public static async Task<Finding> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartNewAsync();
        await using (await BenchApp.StartAsync(azurite.ConnectionString, _ => false))
        {
            // Started once so that tables, queues and containers exist.
        }

        var seeding = await SeedAsync(azurite, options.TableComplaints);
        var table = new List<(CompileRun Read, CompileRun Compile)>();
        for (var round = 0; round < Rounds; round++)
        {
            table.Add((await CompileChild.RunAsync(azurite.ConnectionString, "read", "table", options.TableComplaints),
                       await CompileChild.RunAsync(azurite.ConnectionString, "compile", "table", options.TableComplaints)));
        }

        var small = await CompileChild.RunAsync(azurite.ConnectionString, "compile", "generated", options.TableComplaints);
        var large = await CompileChild.RunAsync(azurite.ConnectionString, "compile", "generated", options.LargeComplaints);
        var largeRead = await CompileChild.RunAsync(azurite.ConnectionString, "read", "generated", options.LargeComplaints);

        var read = Load.Median(table.Select(t => t.Read.Seconds));
        var compile = Load.Median(table.Select(t => t.Compile.Seconds));
        var timeRatio = compile / read;
        var scaleRatio = large.MicrosecondsEach / small.MicrosecondsEach;
        var tableEach = compile * 1e6 / options.TableComplaints;
        var met = timeRatio <= 1.3 && large.PeakMb <= 300 && scaleRatio <= 1.2;

        var rows = table.SelectMany((t, i) => new[] { Row($"table, round {i + 1}", t.Read), Row($"table, round {i + 1}", t.Compile) })
            .Append(Row("generated", small)).Append(Row("generated", largeRead)).Append(Row("generated", large));
        var details = new Markdown()
            .Line($"{options.TableComplaints:#,0} complaints of fiscal year {CompileChild.Year} put in the emulator's table in {Markdown.N(seeding.TotalSeconds, "0.0")} s (batches of 100), then each run started as a process of its own.")
            .Line()
            .Table(["source", "what", "complaints", "seconds", "µs per complaint", "peak memory (MB, VmHWM)"], rows)
            .Line()
            .Line($"- Compile against read-only on the table: {Markdown.N(compile, "0.00")} s vs {Markdown.N(read, "0.00")} s (medians of {Rounds} alternating rounds) = {Markdown.N(timeRatio, "0.00")}x.")
            .Line($"- {options.LargeComplaints:#,0} generated complaints: {Markdown.N(large.MicrosecondsEach, "0.0")} µs each against {Markdown.N(small.MicrosecondsEach, "0.0")} µs for {options.TableComplaints:#,0} generated = {Markdown.N(scaleRatio, "0.00")}x; against the table run's {Markdown.N(tableEach, "0.0")} µs each = {Markdown.N(large.MicrosecondsEach / tableEach, "0.00")}x. Peak memory {Markdown.N(large.PeakMb, "0")} MB (the process, runtime included).")
            .Line($"- The generated stream costs {Markdown.N(largeRead.MicrosecondsEach, "0.0")} µs per complaint to make, so the compile's own work is about {Markdown.N(large.MicrosecondsEach - largeRead.MicrosecondsEach, "0.0")} µs per complaint.");
        return new Finding(
            "fiscal-year compile",
            $"{options.TableComplaints:#,0} on the table: {Markdown.N(compile, "0.0")} s; {options.LargeComplaints:#,0} generated: {Markdown.N(large.Seconds, "0.0")} s, peak {Markdown.N(large.PeakMb, "0")} MB",
            $"read only: {Markdown.N(read, "0.0")} s; {Markdown.N(small.MicrosecondsEach, "0.0")} µs per complaint at {options.TableComplaints:#,0} generated",
            $"{Markdown.N(timeRatio, "0.00")}x time; {Markdown.N(scaleRatio, "0.00")}x per complaint",
            "<= 1.3x time; <= 300 MB and <= 1.2x per complaint",
            met,
            details.ToString());
    }

    private const int Rounds = 3;

    private static string[] Row(string source, CompileRun run) =>
        [source, run.Mode, Markdown.N(run.Complaints), Markdown.N(run.Seconds, "0.00"), Markdown.N(run.MicrosecondsEach, "0.0"), Markdown.N(run.PeakMb, "0")];

    /// <summary>Puts generated complaints in the table in batches of 100 rows of one partition (the staff list benchmark loads its rows the same way).</summary>
    internal static async Task<TimeSpan> SeedAsync(Azurite azurite, int count)
    {
        var account = azurite.Account();
        var table = account.Table(StorageNames.ComplaintsTable);
        var generator = new GeneratedComplaints(SeedLoader.Load(SeedLoader.DefaultDirectory), count);
        var clock = Stopwatch.StartNew();
        var pending = new Dictionary<string, List<TableTransactionAction>>();
        var inFlight = new List<Task>();
        await foreach (var complaint in generator.StreamYearAsync(CompileChild.Year, CancellationToken.None))
        {
            if (!pending.TryGetValue(complaint.PartitionKey, out var batch))
            {
                pending[complaint.PartitionKey] = batch = new List<TableTransactionAction>(100);
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, complaint));
            if (batch.Count == 100)
            {
                pending.Remove(complaint.PartitionKey);
                inFlight.Add(table.SubmitTransactionAsync(batch));
                if (inFlight.Count >= 4)
                {
                    var done = await Task.WhenAny(inFlight);
                    await done; // a failed batch stops the run
                    inFlight.Remove(done);
                }
            }
        }

        inFlight.AddRange(pending.Values.Select(batch => (Task)table.SubmitTransactionAsync(batch)));
        await Task.WhenAll(inFlight);
        return clock.Elapsed;
    }
}
