namespace AntiCorruption.Core.Storage;

/// <summary>
/// Creating the app's tables, queues and containers, begun by a host as soon as it knows the
/// connection, before its services are built. The storage SDKs' first requests carry a few
/// hundred milliseconds of one-time setup (HTTP stack, pipelines, request signing); begun here,
/// it runs on another core while the host builds instead of after. <see cref="StorageInitializer"/>
/// awaits it rather than starting the same work again.
/// </summary>
public sealed class EarlyStorageCreation
{
    private EarlyStorageCreation(StorageAccount storage, Task creating) => (Storage, Creating) = (storage, creating);

    public StorageAccount Storage { get; }

    /// <summary>Completes when everything exists; faults (and is retried by the initializer) when storage cannot be reached.</summary>
    public Task Creating { get; }

    public static EarlyStorageCreation Begin(StorageAccount storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new(storage, Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await storage.CreateMissingAsync(timeout.Token);
        }));
    }
}
