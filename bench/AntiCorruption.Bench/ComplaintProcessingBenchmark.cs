using System.Diagnostics;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure.Data.Tables;

namespace AntiCorruption.Bench;

/// <summary>
/// The complaints queue drained into the table by the ProcessComplaint trigger (one app, the
/// host.json concurrency: batches of 16, a new batch at 8 in flight, so up to 24 workers),
/// against inserting the same rows straight into tables with 24 workers.
/// </summary>
internal static class ComplaintProcessingBenchmark
{
    private const int Workers = 24;

    public static async Task<Finding> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var account = azurite.Account();
        var count = options.Complaints;

        // Fill the queue through the real intake, with nothing consuming it yet.
        await using (var intake = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.HttpOnly))
        {
            var sent = 0;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                while (Interlocked.Increment(ref sent) <= count)
                {
                    if (!await Requests.SubmitComplaintAsync(intake.Client))
                    {
                        throw new InvalidOperationException("Intake refused a complaint while filling the queue.");
                    }
                }
            }));
        }

        var queue = account.Queue(StorageNames.ComplaintsQueue);
        var message = (await queue.PeekMessageAsync()).Value.Body.ToString();
        using var counter = new StorageCalls(azurite.ConnectionString);
        var processor = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.Only("ProcessComplaint"));
        var (elapsed, polls) = await Storage.DrainAsync(queue, Stopwatch.StartNew(), TimeSpan.FromMinutes(15));
        await processor.DisposeAsync();

        var callsPerMessage = (double)(counter.Count - polls) / count;
        var profile = counter.Profile(count);
        var complaints = account.Table(StorageNames.ComplaintsTable);
        var codes = account.Table(StorageNames.TrackingCodesTable);
        var stored = await Storage.ReadAllAsync(complaints);
        var storedCodes = await Storage.ReadAllAsync(codes);
        if (stored.Count != count || storedCodes.Count != count || stored.Select(r => r["ComplaintId"]).Distinct().Count() != count)
        {
            throw new InvalidOperationException($"Expected {count} complaints and codes, found {stored.Count} and {storedCodes.Count}.");
        }

        var rate = count / elapsed.TotalSeconds;
        var codeOf = storedCodes.ToDictionary(c => (string)c["ComplaintId"]);
        var floorComplaints = account.Table("benchfloorcomplaints");
        var floorCodes = account.Table("benchfloorcodes");
        var floor = await Storage.InsertFloorAsync(
            stored.Select(c => new (TableClient, TableEntity)[] { (floorComplaints, c), (floorCodes, codeOf[(string)c["ComplaintId"]]) }).ToArray(),
            Workers);
        var ratio = rate / floor;

        // The rest of the profile: what the emulator's queues cost alone for the same messages.
        var (send, consume) = await Storage.QueueFloorAsync(account.Queue("bench-floor-queue"), message, count, Workers);
        var combined = 1 / ((1 / floor) + (1 / send) + (1 / consume));

        var details = new Markdown()
            .Line($"{count} complaints queued through the intake route, then drained by one app instance: {Markdown.N(elapsed.TotalSeconds, "0.0")} s, {Markdown.N(rate)} complaints/s, {Markdown.N(callsPerMessage, "0.00")} storage calls per complaint (receive, the complaint row, the tracking-code row, the ComplaintRegistered event on the outbox queue, delete). All {count} stored once, each with its tracking code.")
            .Line()
            .Line($"Floor: the same {count} complaint rows and {count} code rows inserted one request each by {Workers} workers: {Markdown.N(floor)} complaints/s.")
            .Line()
            .Line($"Where processing spent its storage time, per complaint: {profile} (the polls of the emptying queue included).")
            .Line()
            .Line($"Profile of the gap: the emulator's queue alone, for {count} messages of the same size, sends {Markdown.N(send)}/s and is consumed (receive 16, delete each) at {Markdown.N(consume)}/s. Processing needs the inserts, one outbox send and the consume, so doing only those, back to back, would give {Markdown.N(combined)} complaints/s; processing reaches {Markdown.N(rate / combined, "0.00")} of that.");
        return new Finding(
            "complaint processing",
            $"{Markdown.N(rate)} complaints/s queue to table ({Workers} workers), {Markdown.N(callsPerMessage, "0.00")} storage calls each",
            $"{Markdown.N(floor)} complaints/s (2 raw inserts each)",
            Markdown.N(ratio, "0.00"),
            ">= 0.7",
            ratio >= 0.7,
            details.ToString()) { StorageCallsEach = callsPerMessage };
    }
}
