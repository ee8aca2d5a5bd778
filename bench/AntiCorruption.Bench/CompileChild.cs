using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using AntiCorruption.Functions;
using AntiCorruption.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Bench;

/// <summary>What one compile process measured of itself.</summary>
internal sealed record CompileRun(string Mode, string Source, int Complaints, double Seconds, double PeakMb)
{
    public double MicrosecondsEach => Seconds * 1e6 / Complaints;
}

/// <summary>
/// One compile (or one read-and-discard pass) in a process of its own, so that its peak memory
/// is its own: the app's services as registered for Azure, reading from the table or from a
/// generated stream. Prints one JSON line.
/// </summary>
internal static class CompileChild
{
    public static readonly FiscalYear Year = new(2569);

    public static async Task<int> MainAsync(string mode, string source, int count)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestKeys.Settings(Environment.GetEnvironmentVariable("AzureWebJobsStorage")!))
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddAntiCorruption(configuration);
        if (source == "generated")
        {
            services.AddSingleton<IFiscalYearComplaints>(sp => new GeneratedComplaints(sp.GetRequiredService<ReferenceCatalog>(), count));
        }

        await using var provider = services.BuildServiceProvider();
        var clock = Stopwatch.StartNew();
        var seen = 0L;
        if (mode == "compile")
        {
            seen = (await provider.GetRequiredService<SummaryCompiler>().CompileAsync(Year, CancellationToken.None)).Complaints.Total;
        }
        else
        {
            await foreach (var _ in provider.GetRequiredService<IFiscalYearComplaints>().StreamYearAsync(Year, CancellationToken.None))
            {
                seen++;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (seen != count)
        {
            await Console.Error.WriteLineAsync($"Expected {count} complaints, the {mode} saw {seen}.");
            return 1;
        }

        Console.WriteLine(JsonSerializer.Serialize(new CompileRun(mode, source, count, seconds, PeakMegabytes())));
        return 0;
    }

    /// <summary>Peak resident memory of this process (VmHWM), in MB.</summary>
    private static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Runs this program again as a compile child and returns what it measured.</summary>
    public static async Task<CompileRun> RunAsync(string storage, string mode, string source, int count)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(CompileChild).Assembly.Location, "compile-child", mode, source, count.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["AzureWebJobsStorage"] = storage },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {mode} of {count} {source} complaints failed: {await errors}");
        }

        return JsonSerializer.Deserialize<CompileRun>((await output).Trim().Split('\n')[^1])!;
    }
}
