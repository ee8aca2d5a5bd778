using System.Diagnostics;
using System.Globalization;
using System.Net;
using AntiCorruption.Testing;

namespace AntiCorruption.Bench;

/// <summary>
/// From starting the built LocalHost (`dotnet AntiCorruption.LocalHost.dll`, as ./run.sh does) to
/// its first 200 on /api/health, which itself checks tables, queues and blobs; against the empty
/// ASP.NET Core app's first 200. Alternating runs, medians.
/// </summary>
internal static class ColdStartBenchmark
{
    public static async Task<Finding> RunAsync(BenchOptions options)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        var localHost = Path.Combine(RepoPaths.Root, "functions", "AntiCorruption.LocalHost", "bin", configuration, "net10.0", "AntiCorruption.LocalHost.dll");
        var emptyApp = Path.Combine(RepoPaths.Root, "bench", "EmptyApp", "bin", configuration, "net10.0", "EmptyApp.dll");
        var storageCheckApp = Path.Combine(RepoPaths.Root, "bench", "StorageCheckApp", "bin", configuration, "net10.0", "StorageCheckApp.dll");
        var settings = TestKeys.Settings(azurite.ConnectionString).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        using var workingDirectory = new TemporaryDirectory();

        // A first start creates the tables, queues and containers, as the first deployment would.
        await StartToFirstOkAsync(localHost, "api/health", settings, workingDirectory.Path);
        var app = new List<double>();
        var empty = new List<double>();
        var storageCheck = new List<double>();
        var storageOnly = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        for (var round = 0; round < options.ColdStarts; round++)
        {
            empty.Add(await StartToFirstOkAsync(emptyApp, "", new Dictionary<string, string?>(), workingDirectory.Path));
            app.Add(await StartToFirstOkAsync(localHost, "api/health", settings, workingDirectory.Path));
            storageCheck.Add(await StartToFirstOkAsync(storageCheckApp, "", storageOnly, workingDirectory.Path));
        }

        var ratio = Load.Median(app) / Load.Median(empty);
        var floorRatio = Load.Median(storageCheck) / Load.Median(empty);
        var details = new Markdown()
            .Line($"{options.ColdStarts} alternating starts of each, after a build, with the runtime's files in the page cache; milliseconds from process start to the first 200:")
            .Line()
            .Table(["app", "median ms", "runs (ms)"],
            [
                ["LocalHost, GET /api/health", Markdown.N(Load.Median(app), "0"), string.Join(", ", app.Select(a => Markdown.N(a, "0")))],
                ["empty ASP.NET Core app, GET /", Markdown.N(Load.Median(empty), "0"), string.Join(", ", empty.Select(a => Markdown.N(a, "0")))],
                ["empty app whose GET / makes the three storage calls of /api/health (`bench/StorageCheckApp`)", Markdown.N(Load.Median(storageCheck), "0"), string.Join(", ", storageCheck.Select(a => Markdown.N(a, "0")))],
            ])
            .Line()
            .Line($"Profile: a health answer needs the first request of each storage SDK (tables, queues, blobs), and those alone, in an otherwise empty app, take it to {Markdown.N(floorRatio, "0.00")}x the empty app: their one-time setup (HTTP stack, SDK pipelines, request signing) is most of the budget before any of this app's code runs. The LocalHost is {Markdown.N(Load.Median(app) / Load.Median(storageCheck), "0.00")}x that app; the rest is its own start (configuration, function discovery, services, seeds, creating what is missing). See `bench/PROFILES.md` for the phases and what was changed.");
        return new Finding(
            "cold start",
            $"{Markdown.N(Load.Median(app), "0")} ms to the first 200 on /api/health",
            $"{Markdown.N(Load.Median(empty), "0")} ms (empty ASP.NET Core app)",
            Markdown.N(ratio, "0.00"),
            "<= 1.5x",
            ratio <= 1.5,
            details.ToString());
    }

    private static async Task<double> StartToFirstOkAsync(string dll, string path, IDictionary<string, string?> settings, string workingDirectory)
    {
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{port}/{path}");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await client.GetAsync(url);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before answering.");
                }

                await Task.Delay(5);
            }

            throw new TimeoutException($"{Path.GetFileName(dll)} did not answer 200 within a minute.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("bench-cold-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
