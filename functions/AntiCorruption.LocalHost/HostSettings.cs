using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.LocalHost;

/// <summary>Queue trigger settings, with the Functions host's defaults where host.json is silent.</summary>
public sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    string MessageEncoding)
{
    /// <summary>
    /// How long a received message stays hidden while its function runs, as the Functions host's
    /// 10 minutes: the messages of a host that died reappear after it. <c>LocalHost:QueueLease</c>
    /// shortens it where a test kills hosts on purpose.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// What the LocalHost takes from host.json: the HTTP route prefix and the queue settings. As in
/// the Functions host, an app setting <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>
/// overrides the file.
/// </summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public static HostSettings Load(IConfiguration configuration, string hostJsonPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: false).Build();
        string? Read(string key) => configuration[$"AzureFunctionsJobHost:{key}"] ?? file[key];

        var batchSize = Int(Read("extensions:queues:batchSize"), 16);
        var queues = new QueueSettings(
            batchSize,
            Int(Read("extensions:queues:newBatchThreshold"), batchSize / 2 * Environment.ProcessorCount),
            Time(Read("extensions:queues:maxPollingInterval"), TimeSpan.FromMinutes(1)),
            Time(Read("extensions:queues:visibilityTimeout"), TimeSpan.Zero),
            Int(Read("extensions:queues:maxDequeueCount"), 5),
            Read("extensions:queues:messageEncoding") ?? "base64")
        {
            Lease = Time(configuration["LocalHost:QueueLease"], TimeSpan.FromMinutes(10)),
        };
        if (queues.BatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException("host.json extensions.queues.batchSize must be 1 to 32.");
        }

        if (!queues.MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("The LocalHost reads base64 queue messages, the Functions default; set extensions.queues.messageEncoding to base64.");
        }

        return new HostSettings(Read("extensions:http:routePrefix") ?? "api", queues);
    }

    private static int Int(string? value, int fallback) =>
        value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Time(string? value, TimeSpan fallback) =>
        value is null ? fallback : TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
