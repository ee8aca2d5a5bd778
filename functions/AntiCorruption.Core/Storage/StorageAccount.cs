using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.Core.Storage;

/// <summary>
/// The storage account's three service clients, made from the same settings the Functions host
/// reads: a connection string in <c>AzureWebJobsStorage</c> (local, Azurite), or in Azure
/// <c>AzureWebJobsStorage__accountName</c> / <c>__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c> with a managed identity (<c>__clientId</c> for a user-assigned one).
/// No code changes between the two.
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    public TableServiceClient Tables { get; } = tables;
    public QueueServiceClient Queues { get; } = queues;
    public BlobServiceClient Blobs { get; } = blobs;

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>
    /// Creates the tables, queues and containers of <see cref="StorageNames"/> that do not exist:
    /// one listing per service, then creates only for what is missing, so a restart (the usual
    /// case) makes three requests instead of one per name, and none of them fails with 409.
    /// </summary>
    public Task CreateMissingAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            CreateMissingAsync(StorageNames.Tables, Tables.QueryAsync(cancellationToken: cancellationToken).Select(t => t.Name), t => Table(t).CreateIfNotExistsAsync(cancellationToken)),
            CreateMissingAsync(StorageNames.Queues, Queues.GetQueuesAsync(cancellationToken: cancellationToken).Select(q => q.Name), q => Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)),
            CreateMissingAsync(StorageNames.Containers, Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).Select(c => c.Name), c => Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));

    public static StorageAccount FromConfiguration(IConfiguration configuration, string connection = DefaultConnection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[connection];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageAccount(
                new TableServiceClient(connectionString, Configure(new TableClientOptions())),
                new QueueServiceClient(connectionString, Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })),
                new BlobServiceClient(connectionString, Configure(new BlobClientOptions())));
        }

        var section = configuration.GetSection(connection);
        var account = section["accountName"];
        Uri ServiceUri(string service) =>
            section[$"{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"Storage is not configured: set {connection} to a connection string, or {connection}__accountName for a managed identity.");

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageAccount(
            new TableServiceClient(ServiceUri("table"), credential, Configure(new TableClientOptions())),
            new QueueServiceClient(ServiceUri("queue"), credential, Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })),
            new BlobServiceClient(ServiceUri("blob"), credential, Configure(new BlobClientOptions())));
    }

    private static async Task CreateMissingAsync(IReadOnlyList<string> needed, IAsyncEnumerable<string> existing, Func<string, Task> create)
    {
        var present = await existing.ToHashSetAsync(StringComparer.OrdinalIgnoreCase);
        await Task.WhenAll(needed.Where(n => !present.Contains(n)).Select(create));
    }

    /// <summary>
    /// Few, short retries: a request waiting on storage should fail within seconds with a 503 the
    /// client can retry, not hang until the caller gives up (LINE waits only a few seconds).
    /// </summary>
    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }
}
