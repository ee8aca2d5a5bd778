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

// With --only, what the file says of the other benchmarks is kept (see Merge below).
var previous = only is not null && File.Exists(output) ? await File.ReadAllTextAsync(output) : null;
var started = DateTimeOffset.Now;
var clock = Stopwatch.StartNew();
var findings = new List<Finding>();
string[] canonical = ["complaint intake", "complaint processing", "registration processing", "fiscal-year compile", "staff first page", "staff status + overdue", "staff agency search", "staff case read", "cold start", "LINE webhook"];
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

string Report() => previous is null ? Write() : Merge(previous, Write());

string Write()
{
    var order = canonical;
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

// A run of some benchmarks (--only) over the results of an earlier run: their rows and sections
// replace the earlier ones of the same paths; everything else stays, and the header says which
// rows were measured when.
string Merge(string before, string now)
{
    static (List<string> Head, List<string> Rows, List<(string Title, string Text)> Sections) Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var table = Array.FindIndex(lines, l => l.StartsWith("| path |", StringComparison.Ordinal));
        var rows = lines.Skip(table + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        var sections = new List<(string, string)>();
        foreach (var line in lines.Skip(table + 2 + rows.Count))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add((line[3..], ""));
            }
            else if (sections.Count > 0)
            {
                sections[^1] = (sections[^1].Item1, sections[^1].Item2 + line + "\n");
            }
        }

        return (lines.Take(table + 2).ToList(), rows, sections);
    }

    static string PathOf(string row) => row.Split('|', 3)[1].Trim();

    var (oldHead, oldRows, oldSections) = Parse(before);
    var (newHead, newRows, newSections) = Parse(now);
    var replaced = newRows.Select(PathOf).ToHashSet();
    var head = oldHead.Take(oldHead.Count - 2).Where(l => !l.StartsWith($"Updated on ", StringComparison.Ordinal) || !l.Contains($"--only {string.Join(',', only!)}`", StringComparison.Ordinal)).ToList();
    while (head.Count > 0 && head[^1].Length == 0)
    {
        head.RemoveAt(head.Count - 1);
    }

    head.Add($"Updated on {started:yyyy-MM-dd HH:mm zzz} ({Markdown.N(clock.Elapsed.TotalMinutes, "0.0")} minutes) with `bench/run.sh{(quick ? " --quick" : "")} --only {string.Join(',', only!)}`: the rows of {string.Join(", ", replaced)}.");
    head.Add("");
    var rows = oldRows.Where(r => !replaced.Contains(PathOf(r))).Concat(newRows).ToList();
    var sections = oldSections.Where(s => !replaced.Contains(s.Title)).Concat(newSections).ToList();
    string[] order = [.. oldRows.Select(PathOf), .. newRows.Select(PathOf)];
    int Rank(string path) => Array.IndexOf(canonical, path) is var i and >= 0 ? i : canonical.Length + Array.IndexOf(order, path);
    var text = new System.Text.StringBuilder();
    foreach (var line in head.Concat(newHead.TakeLast(2)).Concat(rows.OrderBy(r => Rank(PathOf(r)))))
    {
        text.Append(line).Append('\n');
    }

    text.Append('\n');
    foreach (var (title, body) in sections.OrderBy(s => Rank(s.Title)))
    {
        text.Append("## ").Append(title).Append('\n').Append(body.TrimEnd('\n')).Append("\n\n");
    }

    return text.ToString().TrimEnd('\n') + "\n";
}

static string Cpu() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
