// The empty app plus what any app pays to answer a storage health check: the first request of
// each storage SDK (tables, queues, blobs), as /api/health makes them. Set AzureWebJobsStorage.
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000", System.Globalization.CultureInfo.InvariantCulture)));
var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("Set AzureWebJobsStorage.");
var tables = new TableServiceClient(connection);
var queues = new QueueServiceClient(connection);
var blobs = new BlobServiceClient(connection);
var app = builder.Build();
app.MapGet("/", async () =>
{
    await Task.WhenAll(
        tables.QueryAsync(maxPerPage: 1).AsPages().GetAsyncEnumerator().MoveNextAsync().AsTask(),
        queues.GetQueuesAsync().AsPages(pageSizeHint: 1).GetAsyncEnumerator().MoveNextAsync().AsTask(),
        blobs.GetBlobContainersAsync().AsPages(pageSizeHint: 1).GetAsyncEnumerator().MoveNextAsync().AsTask());
    return "healthy";
});
app.Run();
