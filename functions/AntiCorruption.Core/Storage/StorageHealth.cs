using Azure;

namespace AntiCorruption.Core.Storage;

/// <summary>Whether each storage service answers: one cheap call per service, all at once, bounded in time.</summary>
public sealed class StorageHealth(StorageAccount storage)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var checks = await Task.WhenAll(
            Check("tables", async ct =>
            {
                await foreach (var _ in storage.Table(StorageNames.ComplaintsTable).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }, timeout.Token),
            Check("queues", ct => storage.Queue(StorageNames.ComplaintsQueue).GetPropertiesAsync(ct), timeout.Token),
            Check("blobs", ct => storage.Blobs.GetBlobContainerClient(StorageNames.SummariesContainer).GetPropertiesAsync(cancellationToken: ct), timeout.Token));
        return new HealthReport(checks.ToDictionary(c => c.Name, c => c.Result, StringComparer.Ordinal));
    }

    private static async Task<(string Name, string Result)> Check(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            return (name, "healthy");
        }
        catch (RequestFailedException ex)
        {
            return (name, ex.Status == 0 ? "unreachable" : $"unhealthy ({ex.Status} {ex.ErrorCode})");
        }
        catch (OperationCanceledException)
        {
            return (name, "timed out");
        }
        catch (AggregateException)
        {
            return (name, "unreachable");
        }
    }
}

public sealed record HealthReport(IReadOnlyDictionary<string, string> Checks)
{
    public bool IsHealthy => Checks.Values.All(v => v == "healthy");
}
