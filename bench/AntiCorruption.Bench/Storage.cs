using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace AntiCorruption.Bench;

/// <summary>Small storage helpers the benchmarks share.</summary>
internal static class Storage
{
    /// <summary>Waits until the queue holds no message (visible or in flight); returns the time taken and the polls made.</summary>
    public static async Task<(TimeSpan Elapsed, int Polls)> DrainAsync(QueueClient queue, Stopwatch clock, TimeSpan timeout)
    {
        var polls = 0;
        while (clock.Elapsed < timeout)
        {
            polls++;
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                return (clock.Elapsed, polls);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Queue {queue.Name} did not drain within {timeout}.");
    }

    public static async Task<int> CountAsync(TableClient table, string? filter = null)
    {
        var count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]).AsPages())
        {
            count += page.Values.Count;
        }

        return count;
    }

    public static async Task<List<TableEntity>> ReadAllAsync(TableClient table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The raw-insert floor: <paramref name="workers"/> workers insert each item's rows, one
    /// request per row, as fast as the emulator takes them. Returns items per second.
    /// </summary>
    public static async Task<double> InsertFloorAsync(IReadOnlyList<(TableClient Table, TableEntity Row)[]> items, int workers)
    {
        foreach (var table in items.SelectMany(item => item.Select(r => r.Table)).DistinctBy(t => t.Name))
        {
            await table.CreateIfNotExistsAsync();
        }

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                foreach (var (table, row) in items[i])
                {
                    await table.AddEntityAsync(new TableEntity(row) { ETag = default, Timestamp = null });
                }
            }
        }));
        return items.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The queue's own floor, as a trigger uses it: <paramref name="workers"/> workers send the
    /// messages, then consume them (receive up to 16, delete each), with no work in between.
    /// Returns messages per second for each half.
    /// </summary>
    public static async Task<(double Send, double Consume)> QueueFloorAsync(QueueClient queue, string message, int count, int workers)
    {
        await queue.CreateIfNotExistsAsync();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Interlocked.Increment(ref sent) <= count)
            {
                await queue.SendMessageAsync(message);
            }
        }));
        var send = count / clock.Elapsed.TotalSeconds;

        var consumed = 0;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, workers / 16 + 1).Select(async _ =>
        {
            while (Volatile.Read(ref consumed) < count)
            {
                var batch = (await queue.ReceiveMessagesAsync(16)).Value;
                await Task.WhenAll(batch.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
                Interlocked.Add(ref consumed, batch.Length);
            }
        }));
        return (send, count / clock.Elapsed.TotalSeconds);
    }
}
