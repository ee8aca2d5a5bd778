using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.Testing;

/// <summary>
/// A real Azurite for integration tests: the one ./test.sh started (its connection string in
/// <c>AzureWebJobsStorage</c>), or, when a test project runs on its own, one started here from
/// node_modules on free ports and stopped afterwards.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Azurite? _shared;

    private readonly string? _directory;
    private readonly int[] _ports;
    private Process? _process;

    private Azurite(string connectionString, Process? process, string? directory, params int[] ports)
    {
        ConnectionString = connectionString;
        _process = process;
        _directory = directory;
        _ports = ports;
    }

    public string ConnectionString { get; }

    public StorageAccount Account() =>
        StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = ConnectionString }).Build());

    /// <summary>One Azurite per test process.</summary>
    public static async Task<Azurite> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await StartOrUseAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A connection string to ports where nothing listens: storage that is down.</summary>
    public static string Unreachable()
    {
        var port = FreePort();
        return ConnectionStringFor(port, port, port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<Azurite> StartOrUseAsync()
    {
        if (Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } existing)
        {
            return new Azurite(existing, null, null);
        }

        return await StartNewAsync();
    }

    /// <summary>A fresh Azurite of its own, on free ports, with its data in a new folder; disposing stops it and deletes the data.</summary>
    public static async Task<Azurite> StartNewAsync()
    {
        var executable = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (or npm ci) first.");
        }

        var directory = Directory.CreateTempSubdirectory("azurite-").FullName;
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var azurite = new Azurite(ConnectionStringFor(blob, queue, table), Launch(executable, directory, blob, queue, table), directory, blob, queue, table);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var port in azurite._ports)
        {
            await WaitForPortAsync(port);
        }

        return azurite;
    }

    /// <summary>Stops this Azurite as an outage would, with SIGTERM (it saves and exits); its data stays for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        process.Dispose();
        _process = null;
    }

    /// <summary>Starts a stopped Azurite again on the same ports over the same data.</summary>
    public async Task RestartAsync()
    {
        if (_directory is null || _process is not null)
        {
            throw new InvalidOperationException("Only a stopped Azurite started here can be restarted.");
        }

        _process = Launch(Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite"), _directory, _ports[0], _ports[1], _ports[2]);
        foreach (var port in _ports)
        {
            await WaitForPortAsync(port);
        }
    }

    private static Process Launch(string executable, string directory, int blob, int queue, int table) =>
        Process.Start(new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--location", directory,
                "--blobPort", $"{blob}", "--queuePort", $"{queue}", "--tablePort", $"{table}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private static string ConnectionStringFor(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on {port}.");
    }
}
