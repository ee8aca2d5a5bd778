using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AntiCorruption.Bench;
using AntiCorruption.Testing;

// bench/run.sh runs this after a Release build. Each benchmark starts its own Azurite (tables
// slow down as they grow, so none inherits another's rows) and measures its floor in the same run.
if (args is ["compile-child", var mode, var source, var count])
{
    return await CompileChild.MainAsync(mode, source, int.Parse(count, CultureInfo.InvariantCulture));
}

var quick = args.Contains("--quick");
var options = quick ? BenchOptions.Quick : BenchOptions.Full;
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(RepoPaths.Root, "bench", quick ? "RESULTS.quick.md" : "RESULTS.md");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
bool Selected(string name) => only is null || only.Contains(name);

var started = DateTimeOffset.Now;
var clock = Stopwatch.StartNew();
var findings = new List<Finding>();
async Task RunAsync(string name, Func<Task<IEnumerable<Finding>>> benchmark)
{
    if (!Selected(name))
    {
        return;
    }

    Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}...");
    var results = (await benchmark()).ToArray();
    findings.AddRange(results);
    foreach (var finding in results)
    {
        Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}]   {finding.Path}: {finding.Ratio} (target {finding.Target}) {(finding.Met ? "met" : "MISSED")}");
    }

    // Written after each benchmark, so that a run stopped part way keeps what it measured.
    await File.WriteAllTextAsync(output, Report());
}

await RunAsync("http", async () =>
{
    await using var azurite = await Azurite.StartNewAsync();
    await using var app = await BenchApp.StartAsync(azurite.ConnectionString, BenchApp.HttpOnly);
    return [await IntakeBenchmark.RunAsync(azurite, app, options), await LineWebhookBenchmark.RunAsync(app, options)];
});
await RunAsync("complaints", async () => [await ComplaintProcessingBenchmark.RunAsync(options)]);
await RunAsync("registrations", async () => [await RegistrationBenchmark.RunAsync(options)]);
await RunAsync("compile", async () => [await CompileBenchmark.RunAsync(options)]);
await RunAsync("stafflist", async () => await StaffListBenchmark.RunAsync(options));
await RunAsync("coldstart", async () => [await ColdStartBenchmark.RunAsync(options)]);

await File.WriteAllTextAsync(output, Report());
Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] wrote {output}");
return findings.All(f => f.Met) ? 0 : 3;

string Report()
{
    var order = new[] { "complaint intake", "complaint processing", "registration processing", "fiscal-year compile", "staff first page", "staff status + overdue", "staff agency search", "staff case read", "cold start", "LINE webhook" };
    var sorted = findings.OrderBy(f => Array.IndexOf(order, f.Path)).ToArray();
    var report = new Markdown()
        .Line($"# Benchmark results{(quick ? " (quick run: small sizes, not the figures to quote)" : "")}")
        .Line()
        .Line($"Run on {started:yyyy-MM-dd HH:mm zzz}, {Markdown.N(clock.Elapsed.TotalMinutes, "0.0")} minutes, with `bench/run.sh{(quick ? " --quick" : "")}`{(only is null ? "" : $" --only {string.Join(',', only)}")}.")
        .Line($"Machine: {Environment.ProcessorCount} cores ({Cpu()}), {Markdown.N(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), "0")} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Azurite 3.37.0 (in-memory persistence off, data on disk). The machine is shared, so every figure is read against a floor measured in the same run, a few seconds apart.")
        .Line()
        .Table(["path", "measured", "baseline in the same run", "ratio", "target", "met"],
            sorted.Select(f => new[] { f.Path, f.Measured, f.Baseline, f.Ratio, f.Target, f.Met ? "yes" : "**no**" }))
        .Line();
    foreach (var finding in sorted)
    {
        report.Line($"## {finding.Path}").Line().Line(finding.Details);
    }

    var intakeCalls = findings.FirstOrDefault(f => f.Path == "complaint intake")?.StorageCallsEach;
    var processingCalls = findings.FirstOrDefault(f => f.Path == "complaint processing")?.StorageCallsEach;
    if (intakeCalls is not null && processingCalls is not null)
    {
        report.Line(ScaleAnalysis.Write(intakeCalls.Value, processingCalls.Value));
    }

    return report.ToString();
}

static string Cpu() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
