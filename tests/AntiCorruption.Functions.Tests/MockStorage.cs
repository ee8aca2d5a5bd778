using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using AntiCorruption.Core.Storage;
using Moq;

namespace AntiCorruption.Functions.Tests;

/// <summary>A storage account whose clients are Moq mocks, one per table, queue and container name.</summary>
internal sealed class MockStorage
{
    private readonly Dictionary<string, Mock<TableClient>> _tables = [];
    private readonly Dictionary<string, Mock<QueueClient>> _queues = [];
    private readonly Dictionary<string, Mock<BlobContainerClient>> _containers = [];

    public MockStorage()
    {
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(It.IsAny<string>())).Returns((string name) => Table(name).Object);
        var queues = new Mock<QueueServiceClient>();
        queues.Setup(q => q.GetQueueClient(It.IsAny<string>())).Returns((string name) => Queue(name).Object);
        var blobs = new Mock<BlobServiceClient>();
        blobs.Setup(b => b.GetBlobContainerClient(It.IsAny<string>())).Returns((string name) => Container(name).Object);
        Account = new StorageAccount(tables.Object, queues.Object, blobs.Object);
    }

    public StorageAccount Account { get; }

    public Mock<TableClient> Table(string name) => Get(_tables, name);

    public Mock<QueueClient> Queue(string name) => Get(_queues, name);

    public Mock<BlobContainerClient> Container(string name) => Get(_containers, name);

    private static Mock<T> Get<T>(Dictionary<string, Mock<T>> mocks, string name) where T : class
    {
        if (!mocks.TryGetValue(name, out var mock))
        {
            mocks[name] = mock = new Mock<T>();
        }

        return mock;
    }
}
