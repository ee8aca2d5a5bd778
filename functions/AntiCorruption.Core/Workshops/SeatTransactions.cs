using System.Net;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// How a seat decision commits: one entity-group transaction under the rows' ETags, and when
/// another writer got there first, the whole read-decide-commit step again on fresh rows.
/// </summary>
internal static class SeatTransactions
{
    private const int Attempts = 50;

    public static TableTransactionAction Replace(ITableEntity entity) => new(TableTransactionActionType.UpdateReplace, entity, entity.ETag);

    /// <summary>False when another writer changed (412) or removed (404) one of the rows first: read again and redo.</summary>
    public static async Task<bool> TrySubmitAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Runs a read-decide-commit step until it commits (non-null), backing off a little between tries.</summary>
    public static async Task<T> WithRetriesAsync<T>(Func<Task<T?>> step)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var result = await step();
            if (result is not null)
            {
                return result;
            }

            await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)));
        }

        throw new TimeoutException("A seat decision kept losing races; the queue will retry it.");
    }
}
