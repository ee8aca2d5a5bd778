using System.Text;
using AntiCorruption.Core.Storage;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests;

/// <summary>Everything in storage as text, for scans that personal data never appears in it: every table row, the first 32 messages of every queue, every blob and its metadata.</summary>
internal static class StorageText
{
    public static async Task<string> AllAsync(StorageAccount storage)
    {
        var text = new StringBuilder();
        await foreach (var table in storage.Tables.QueryAsync())
        {
            await foreach (var entity in storage.Table(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var value in ((IDictionary<string, object>)entity).Values)
                {
                    text.AppendLine(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString());
                }
            }
        }

        await foreach (var queue in storage.Queues.GetQueuesAsync())
        {
            foreach (var message in (await storage.Queue(queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.AppendLine(message.Body.ToString());
            }
        }

        await foreach (var container in storage.Blobs.GetBlobContainersAsync())
        {
            var client = storage.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata }))
            {
                text.AppendLine(blob.Name).AppendJoin(' ', blob.Metadata.Values).AppendLine();
                text.AppendLine(Encoding.UTF8.GetString((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray()));
            }
        }

        return text.ToString();
    }
}
