using AntiCorruption.Core.Storage;
using Azure.Data.Tables;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>What is in storage, counted straight from the emulator.</summary>
internal static class StoredRows
{
    public static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    public static async Task<List<string>> ColumnAsync(TableClient table, string column)
    {
        var values = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: [column]))
        {
            values.Add(row.GetString(column));
        }

        return values;
    }

    /// <summary>No message left, visible or hidden.</summary>
    public static async Task<bool> QueueEmptyAsync(StorageAccount account, string queue) =>
        (await account.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;

    public static async Task<int> PoisonCountAsync(StorageAccount account, string queue) =>
        (await account.Queue(StorageNames.PoisonQueueOf(queue)).GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
