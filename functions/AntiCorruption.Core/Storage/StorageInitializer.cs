using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Storage;

/// <summary>
/// Creates the tables, queues and containers the app needs when it starts (in Azure, infra has
/// already made them and this finds them there). When storage is down at start the app still
/// starts, answers its health check with 503, and keeps trying in the background. Seeds
/// (reference rows such as the example workshops) go in right after.
/// </summary>
public sealed partial class StorageInitializer(StorageAccount storage, IEnumerable<IStorageSeed> seeds, ILogger<StorageInitializer> logger, EarlyStorageCreation? early = null) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var firstTry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstTry.CancelAfter(TimeSpan.FromSeconds(10));
        if (await TryEnsureAsync(early?.Creating, firstTry.Token))
        {
            return;
        }

        _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => EnsureCreatedAsync(null, cancellationToken);

    /// <param name="created">Creation already under way (<see cref="EarlyStorageCreation"/>), awaited instead of started again.</param>
    private async Task EnsureCreatedAsync(Task? created, CancellationToken cancellationToken)
    {
        await (created ?? storage.CreateMissingAsync(cancellationToken)).WaitAsync(cancellationToken);
        foreach (var seed in seeds)
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stopping.IsCancellationRequested && await TryEnsureAsync(null, stopping))
            {
                return;
            }
        }
    }

    private async Task<bool> TryEnsureAsync(Task? created, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureCreatedAsync(created, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException || StorageFailure.Is(ex))
        {
            LogNotReady(logger, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not reachable yet ({Reason}); retrying in the background")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
