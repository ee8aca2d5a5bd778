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
    private static readonly string[] Services = ["Table", "Queue", "Blob"];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, int> _ports;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (long Calls, double Seconds)> _byPort = new();

    /// <param name="connectionString">The emulator's: its endpoints' ports tell its calls apart.</param>
    public StorageCalls(string connectionString)
    {
        _ports = Services.ToDictionary(s => s, s => PortOf(connectionString, s));
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
                if (tag.Key == "server.port" && tag.Value is int port && _ports.ContainsValue(port))
                {
                    _byPort.AddOrUpdate(port, (1, seconds), (_, sum) => (sum.Calls + 1, sum.Seconds + seconds));
                    return;
                }
            }
        });
        _listener.Start();
    }

    public long Count => _byPort.Values.Sum(v => v.Calls);

    /// <summary>"N table calls (X ms each, S s in all), M queue calls (...)" per item, for the services called at least once per hundred items.</summary>
    public string Profile(int items)
    {
        var parts = new List<string>();
        foreach (var service in Services)
        {
            var (calls, seconds) = _byPort.GetValueOrDefault(_ports[service]);
            if (calls * 100 >= items)
            {
                parts.Add($"{Markdown.N((double)calls / items, "0.00")} {service.ToLowerInvariant()} calls ({Markdown.N(seconds * 1000 / calls, "0.0")} ms each, {Markdown.N(seconds, "0")} s in all)");
            }
        }

        return string.Join(", ", parts);
    }

    /// <summary>The emulator's port for a service ("Table", "Queue", "Blob") in a connection string.</summary>
    private static int PortOf(string connectionString, string service) =>
        connectionString.Split(';')
            .Where(part => part.StartsWith(service + "Endpoint=", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port)
            .Single();

    public void Dispose() => _listener.Dispose();
}
