using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// The built LocalHost (<c>dotnet AntiCorruption.LocalHost.dll</c>, as ./run.sh starts it) in a
/// process of its own, so that a test can kill it the way a machine dies: SIGKILL, no shutdown.
/// Its output is kept for the log scans.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private LocalHostProcess(Process process, ConcurrentQueue<string> output, HttpClient client)
    {
        _process = process;
        _output = output;
        Client = client;
    }

    public HttpClient Client { get; }

    public IEnumerable<string> Output => _output;

    public static async Task<LocalHostProcess> StartAsync(string storageConnection, params (string Key, string Value)[] settings)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        var dll = Path.Combine(RepoPaths.Root, "functions", "AntiCorruption.LocalHost", "bin", configuration, "net10.0", "AntiCorruption.LocalHost.dll");
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in TestKeys.Settings(storageConnection))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.StartsWith("ready", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var host = new LocalHostProcess(process, output, client);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException("The LocalHost did not print ready within a minute:\n" + string.Join('\n', output));
        }

        return host;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, in-flight work simply stops.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
