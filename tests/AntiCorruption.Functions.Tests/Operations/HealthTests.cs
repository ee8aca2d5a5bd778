using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Storage;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Operations;
using Microsoft.AspNetCore.Http;
using Moq;

namespace AntiCorruption.Functions.Tests.Operations;

public class HealthTests
{
    [Fact]
    public async Task Run_QueueServiceRefuses_Is503NamingQueues()
    {
        var storage = new MockStorage();
        storage.Table(StorageNames.ComplaintsTable)
            .Setup(t => t.QueryAsync<Azure.Data.Tables.TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<Azure.Data.Tables.TableEntity>.FromPages([]));
        storage.Queue(StorageNames.ComplaintsQueue)
            .Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(403, "denied", "AuthorizationFailure", null));
        storage.Container(StorageNames.SummariesContainer)
            .Setup(c => c.GetPropertiesAsync(It.IsAny<BlobRequestConditions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(BlobsModelFactory.BlobContainerProperties(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), new ETag("e")), Mock.Of<Response>()));

        var result = Assert.IsType<ApiResult>(await new Health(new StorageHealth(storage.Account), new AntiCorruption.Core.Secrets.PendingSecrets([]), AntiCorruption.Functions.Tests.Http.NoLimits.Create()).Run(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        var body = JsonSerializer.SerializeToElement(result.Body);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy (403 AuthorizationFailure)", body.GetProperty("checks").GetProperty("queues").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("tables").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("blobs").GetString());
    }
}
