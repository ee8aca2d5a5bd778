using System.Diagnostics.Metrics;

namespace AntiCorruption.Bench;

/// <summary>
/// Counts the HTTP requests this process makes to the storage emulator, from .NET's own
/// <c>System.Net.Http</c> metrics: every call the Azure SDK makes, retries included, and none of
/// the load generator's calls to the app (those go to another port). Per service (port), it also
/// adds up the time the calls took: where the storage time goes is the profile of a slow path.
/// </summary>
internal sealed class StorageCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (long Calls, double Seconds)> _byPort = new();
    private long _count;

    public StorageCalls(IEnumerable<int> storagePorts)
    {
        _ports = [.. storagePorts];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && _ports.Contains(port))
                {
                    Interlocked.Increment(ref _count);
                    _byPort.AddOrUpdate(port, (1, seconds), (_, sum) => (sum.Calls + 1, sum.Seconds + seconds));
                    return;
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Calls and their summed duration so far, to the service on this port.</summary>
    public (long Calls, double Seconds) To(int port) => _byPort.GetValueOrDefault(port);

    /// <summary>The emulator's port for a service ("Table", "Queue", "Blob") in a connection string.</summary>
    public static int PortOf(string connectionString, string service) =>
        connectionString.Split(';')
            .Where(part => part.StartsWith(service + "Endpoint=", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port)
            .Single();

    /// <summary>"N table calls (X ms each), M queue calls (Y ms each)" per item, since <paramref name="before"/>.</summary>
    public string Profile(string connectionString, int items, IReadOnlyDictionary<int, (long Calls, double Seconds)>? before = null)
    {
        var parts = new List<string>();
        foreach (var service in new[] { "Table", "Queue", "Blob" })
        {
            var port = PortOf(connectionString, service);
            var (calls, seconds) = To(port);
            var (callsBefore, secondsBefore) = before?.GetValueOrDefault(port) ?? default;
            (calls, seconds) = (calls - callsBefore, seconds - secondsBefore);
            if (calls * 100 >= items)
            {
                parts.Add($"{Markdown.N((double)calls / items, "0.00")} {service.ToLowerInvariant()} calls ({Markdown.N(seconds * 1000 / calls, "0.0")} ms each, {Markdown.N(seconds, "0")} s in all)");
            }
        }

        return string.Join(", ", parts);
    }

    public IReadOnlyDictionary<int, (long Calls, double Seconds)> Snapshot() => new Dictionary<int, (long Calls, double Seconds)>(_byPort);

    public static IEnumerable<int> PortsOf(string connectionString) =>
        connectionString.Split(';')
            .Where(part => part.Contains("Endpoint=http", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port);

    public void Dispose() => _listener.Dispose();
}
