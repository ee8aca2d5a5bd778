using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;

namespace AntiCorruption.Bench;

/// <summary>
/// POST /api/complaints through HTTP against the floor under it: the one enqueue an intake makes,
/// sent straight from the SDK to the same emulator at the same concurrency with a message of the
/// same size (a real one, taken from the queue).
/// </summary>
internal static class IntakeBenchmark
{
    public static async Task<Finding> RunAsync(Azurite azurite, BenchApp app, BenchOptions options)
    {
        // Storage calls per intake, counted on a quiet system: every SDK request, retries included.
        var account = azurite.Account();
        long calls;
        const int Counted = 200;
        using (var counter = new StorageCalls(azurite.ConnectionString))
        {
            for (var i = 0; i < Counted; i++)
            {
                if (!await Requests.SubmitComplaintAsync(app.Client))
                {
                    throw new InvalidOperationException("The intake route did not answer 202.");
                }
            }

            calls = counter.Count;
        }

        var message = (await account.Queue(StorageNames.ComplaintsQueue).PeekMessageAsync()).Value.Body.ToString();
        var floor = account.Queue("bench-intake-floor");
        await floor.CreateIfNotExistsAsync();

        var rows = new List<string[]>();
        var met = true;
        var worst = double.MaxValue;
        foreach (var concurrency in new[] { 16, 64 })
        {
            var baseline = await Load.RunAsync(concurrency, options.Duration, async () =>
            {
                await floor.SendMessageAsync(message);
                return true;
            });
            var measured = await Load.RunAsync(concurrency, options.Duration, () => Requests.SubmitComplaintAsync(app.Client));
            var ratio = measured.PerSecond / baseline.PerSecond;
            worst = Math.Min(worst, ratio);
            met &= ratio >= 0.8 && measured.Failures == 0;
            rows.Add([$"{concurrency}", "intake over HTTP", Markdown.N(measured.PerSecond), Markdown.N(measured.P50Ms), Markdown.N(measured.P99Ms), Markdown.N(measured.Requests), Markdown.N(measured.Failures), Markdown.N(ratio, "0.00")]);
            rows.Add([$"{concurrency}", "enqueue only (SDK)", Markdown.N(baseline.PerSecond), Markdown.N(baseline.P50Ms), Markdown.N(baseline.P99Ms), Markdown.N(baseline.Requests), Markdown.N(baseline.Failures), "1"]);
        }

        var perRequest = (double)calls / Counted;
        var details = new Markdown()
            .Line($"Storage calls per intake: {Markdown.N(perRequest, "0.00")} ({calls} SDK requests for {Counted} complaints, counted from System.Net.Http metrics). The floor is that one enqueue of a {message.Length}-character message.")
            .Line()
            .Table(["clients", "what", "req/s", "p50 ms", "p99 ms", "requests", "failures", "rate vs floor"], rows);
        return new Finding(
            "complaint intake",
            $"{rows[0][2]} / {rows[2][2]} req/s at 16 / 64 clients; p99 {rows[0][4]} / {rows[2][4]} ms; {Markdown.N(perRequest, "0.00")} storage calls per request",
            $"{rows[1][2]} / {rows[3][2]} enqueues/s",
            Markdown.N(worst, "0.00"),
            ">= 0.8",
            met,
            details.ToString()) { StorageCallsEach = perRequest };
    }
}
