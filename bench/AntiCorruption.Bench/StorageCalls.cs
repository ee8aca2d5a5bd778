using System.Diagnostics.Metrics;

namespace AntiCorruption.Bench;

/// <summary>
/// Counts the HTTP requests this process makes to the storage emulator, from .NET's own
/// <c>System.Net.Http</c> metrics: every call the Azure SDK makes, retries included, and none of
/// the load generator's calls to the app (those go to another port).
/// </summary>
internal sealed class StorageCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
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
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && _ports.Contains(port))
                {
                    Interlocked.Increment(ref _count);
                    return;
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public static IEnumerable<int> PortsOf(string connectionString) =>
        connectionString.Split(';')
            .Where(part => part.Contains("Endpoint=http", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port);

    public void Dispose() => _listener.Dispose();
}
