using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// The part of a re-seal pass (<see cref="PersonalDataReseal"/>) that walks one table of
/// <see cref="SealedRecords.Tables"/>, by PartitionKey and RowKey from where the pass got to, a
/// page at a time: a value under another key is opened and sealed again under the current key with
/// the same context, and only the re-sealed properties are merged into the row, under the ETag the
/// row was read with. Writes go <see cref="PersonalDataReseal.Parallel"/> at a time, and where the
/// walk got to is stored after each page.
/// </summary>
internal sealed class SealedTableReseal(StorageAccount storage, PiiProtector pii, RetentionSchedule schedule, TimeProvider time)
{
    /// <summary>Walks a table from where the pass got to; true when it reached the end.</summary>
    public async Task<bool> WalkAsync(SealedTable table, ResealRun run, CancellationToken cancellationToken)
    {
        var client = storage.Table(table.Name);
        // Keys and the columns that matter only: the rest of a complaint row is never read.
        IReadOnlyList<string> select = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), .. table.Columns, .. table.LifetimeUnder(schedule) is null ? Array.Empty<string>() : [nameof(ITableEntity.Timestamp)]];
        var queries = run.Status.AfterPartition is { } partition && run.Status.AfterRow is { } row
            ? new[] { TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {row}"), TableClient.CreateQueryFilter($"PartitionKey gt {partition}") }
            : new[] { (string?)null };
        try
        {
            foreach (var query in queries)
            {
                var filter = (query, table.Filter) switch
                {
                    (null, var f) => f,
                    (var q, null) => q,
                    (var q, var f) => $"({q}) and ({f})",
                };
                await foreach (var page in client.QueryAsync<TableEntity>(filter, PersonalDataReseal.PageSize, select, cancellationToken).AsPages())
                {
                    var writes = new List<Task<WriteOutcome>>();
                    TableEntity? last = null;
                    foreach (var entity in page.Values)
                    {
                        if (run.OutOfBudget())
                        {
                            await SettlePageAsync(run, writes, last, cancellationToken);
                            return false;
                        }

                        run.Status.Counts.Examined++;
                        run.Rows++;
                        if (Examine(table, entity, run.Status.Counts) is { } write)
                        {
                            if (!await MarkWritingAsync(run, writes, last, cancellationToken))
                            {
                                return false;
                            }

                            writes.Add(WriteAsync(client, entity, write, run.Throttle, cancellationToken));
                        }

                        last = entity;
                    }

                    if (!await SettlePageAsync(run, writes, last, cancellationToken))
                    {
                        return false;
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode == "TableNotFound")
        {
            // Never made in this account: nothing sealed in it.
        }

        return true;
    }

    /// <summary>
    /// What a row needs: null when nothing (every value under the current key, or none), else
    /// the re-sealed properties to merge, or its deletion when it is a working record past its
    /// lifetime. Values that do not open are counted as left under their key.
    /// </summary>
    private RowWrite? Examine(SealedTable table, TableEntity row, ResealCounts counts)
    {
        var stale = new List<(SealedField Field, byte[] Value, string KeyId)>();
        foreach (var field in table.Fields(row))
        {
            if (Binary(row, field.Property) is not { Length: > 0 } value || pii.IsSealedWithCurrentKey(value))
            {
                continue;
            }

            if (PiiProtector.KeyIdOf(value) is { } keyId)
            {
                stale.Add((field, value, keyId));
            }
            else
            {
                counts.Unrecognised++;
            }
        }

        if (stale.Count == 0)
        {
            return null;
        }

        if (table.LifetimeUnder(schedule) is { } lifetime && table.Lasting?.Invoke(row) != true && row.Timestamp is { } written && written < time.GetUtcNow() - lifetime)
        {
            return new RowWrite(null, stale.Count);
        }

        var merge = new TableEntity(row.PartitionKey, row.RowKey);
        var values = 0;
        foreach (var (field, value, keyId) in stale)
        {
            try
            {
                merge[field.Property] = pii.Reseal(value, field.Context);
                values++;
            }
            catch (CryptographicException)
            {
                // Under a key that is not configured, or not opening under this context: left as it
                // is, and counted, so that the rotation is not called done while it is there.
                counts.Left[keyId] = counts.Left.GetValueOrDefault(keyId) + 1;
            }
        }

        return values > 0 ? new RowWrite(merge, values) : null;
    }

    private static byte[]? Binary(TableEntity row, string property) =>
        row.TryGetValue(property, out var value) ? value switch
        {
            byte[] bytes => bytes,
            BinaryData data => data.ToArray(),
            _ => null,
        } : null;

    private static async Task<WriteOutcome> WriteAsync(TableClient client, TableEntity row, RowWrite write, SemaphoreSlim throttle, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(cancellationToken);
        try
        {
            if (write.Merge is { } merge)
            {
                await client.UpdateEntityAsync(merge, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return new WriteOutcome(Resealed: write.Values);
            }

            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return new WriteOutcome(Expired: 1);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return new WriteOutcome(Changed: 1);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return new WriteOutcome(); // deleted meanwhile: nothing of it is left anywhere
        }
        catch (RequestFailedException)
        {
            return new WriteOutcome(Failed: 1);
        }
        finally
        {
            throttle.Release();
        }
    }

    /// <summary>
    /// Before the pass's first row write, settles the page so far and stores that the pass writes
    /// (<see cref="ResealRun.MarkWritingAsync"/>).
    /// </summary>
    private static async Task<bool> MarkWritingAsync(ResealRun run, List<Task<WriteOutcome>> writes, TableEntity? last, CancellationToken cancellationToken)
    {
        if (run.Status.Counts.Wrote)
        {
            return true;
        }

        if (!await SettlePageAsync(run, writes, last, cancellationToken))
        {
            return false;
        }

        return await run.MarkWritingAsync(cancellationToken);
    }

    /// <summary>Waits for a page's writes, counts them, and stores the pass as far as <paramref name="last"/>.</summary>
    private static async Task<bool> SettlePageAsync(ResealRun run, List<Task<WriteOutcome>> writes, TableEntity? last, CancellationToken cancellationToken)
    {
        foreach (var outcome in await Task.WhenAll(writes))
        {
            run.Status.Counts.Resealed += outcome.Resealed;
            run.Status.Counts.Changed += outcome.Changed;
            run.Status.Counts.Expired += outcome.Expired;
            run.Status.Counts.Failed += outcome.Failed;
        }

        writes.Clear();
        if (last is null)
        {
            return true;
        }

        run.Status.AfterPartition = last.PartitionKey;
        run.Status.AfterRow = last.RowKey;
        return await run.SaveAsync(cancellationToken);
    }

    /// <param name="Merge">The re-sealed properties to merge under the row's ETag; null to delete the row (expired).</param>
    private sealed record RowWrite(TableEntity? Merge, int Values);

    private sealed record WriteOutcome(int Resealed = 0, int Changed = 0, int Expired = 0, int Failed = 0);
}
