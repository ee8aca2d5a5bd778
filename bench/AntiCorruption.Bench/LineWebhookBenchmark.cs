namespace AntiCorruption.Bench;

/// <summary>
/// Time to LINE's 200 against the intake route's answer: both check a body, seal, and enqueue
/// once. Sent in alternating blocks so that both see the same machine.
/// </summary>
internal static class LineWebhookBenchmark
{
    public static async Task<Finding> RunAsync(BenchApp app, BenchOptions options)
    {
        var rows = new List<string[]>();
        var met = true;
        var worst = 0.0;
        foreach (var concurrency in new[] { 1, 16 })
        {
            var webhook = new List<LoadResult>();
            var intake = new List<LoadResult>();
            for (var round = 0; round < 3; round++)
            {
                intake.Add(await Load.RunAsync(concurrency, options.Duration / 3, () => Requests.SubmitComplaintAsync(app.Client), TimeSpan.FromMilliseconds(300)));
                webhook.Add(await Load.RunAsync(concurrency, options.Duration / 3, () => Requests.DeliverLineEventAsync(app.Client), TimeSpan.FromMilliseconds(300)));
            }

            var p50Ratio = Load.Median(webhook.Select(w => w.P50Ms)) / Load.Median(intake.Select(i => i.P50Ms));
            var p99Ratio = Load.Median(webhook.Select(w => w.P99Ms)) / Load.Median(intake.Select(i => i.P99Ms));
            worst = Math.Max(worst, p50Ratio);
            met &= p50Ratio <= 1.2 && webhook.Sum(w => w.Failures) == 0;
            rows.Add([$"{concurrency}", "LINE webhook", Markdown.N(Load.Median(webhook.Select(w => w.P50Ms)), "0.00"), Markdown.N(Load.Median(webhook.Select(w => w.P99Ms)), "0.00"), Markdown.N(webhook.Sum(w => w.Requests)), Markdown.N(p50Ratio, "0.00"), Markdown.N(p99Ratio, "0.00")]);
            rows.Add([$"{concurrency}", "complaint intake", Markdown.N(Load.Median(intake.Select(i => i.P50Ms)), "0.00"), Markdown.N(Load.Median(intake.Select(i => i.P99Ms)), "0.00"), Markdown.N(intake.Sum(i => i.Requests)), "1", "1"]);
        }

        var details = new Markdown()
            .Line($"Three alternating rounds per concurrency; the figures are the medians of the rounds. LINE expects a fast answer and may stop a webhook that keeps failing, so the p99 matters as much as the median.")
            .Line()
            .Table(["clients", "route", "p50 ms", "p99 ms", "requests", "p50 vs intake", "p99 vs intake"], rows);
        return new Finding(
            "LINE webhook",
            $"p50 {rows[0][2]} ms (1 client), {rows[2][2]} ms (16); p99 {rows[0][3]} / {rows[2][3]} ms",
            $"intake p50 {rows[1][2]} / {rows[3][2]} ms",
            Markdown.N(worst, "0.00"),
            "<= 1.2",
            met,
            details.ToString());
    }
}
