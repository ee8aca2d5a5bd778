using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The messages between staff and a reporter, one row each in <c>complaintmessages</c>
/// (PartitionKey the complaint id), the text sealed. Row keys run newest first
/// (<c>m</c> and the ticks counted down), so a case's latest <see cref="Shown"/> messages are one
/// range read however long its conversation grows: anyone with a tracking code can add to it.
/// </summary>
public sealed class ConversationStore(StorageAccount storage, PiiProtector pii, TimeProvider time)
{
    public const int MaxText = 5_000;
    public const string FromStaff = "staff";
    public const string FromReporter = "reporter";

    /// <summary>The newest messages a view shows; older ones are counted as omitted, not read.</summary>
    public const int Shown = 200;

    /// <summary>Rows of the first shape (ticks counting up, no prefix) re-keyed per read, in transactions of 50 pairs.</summary>
    public const int MovedPerRead = 200;

    private const string Newest = "m";
    private const string AfterNewest = "n";
    private readonly TableClient _table = storage.Table(StorageNames.MessagesTable);

    public async Task<ConversationMessage> AddAsync(string complaintId, string from, string text, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await _table.AddEntityAsync(Row(complaintId, from, at, text), cancellationToken);
        return new ConversationMessage(from, at, text);
    }

    /// <summary>The newest <see cref="Shown"/> messages in the order they were written, and whether older ones exist.</summary>
    public async Task<Conversation> ReadAsync(string complaintId, CancellationToken cancellationToken)
    {
        await MoveFirstShapeAsync(complaintId, cancellationToken);
        var newestFirst = new List<ConversationMessage>(Shown);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {complaintId} and RowKey ge {Newest} and RowKey lt {AfterNewest}");
        var more = false;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Shown + 1, cancellationToken: cancellationToken))
        {
            if (newestFirst.Count == Shown)
            {
                more = true;
                break;
            }

            newestFirst.Add(new ConversationMessage(row.GetString("From"), row.GetDateTimeOffset("At")!.Value, OpenText(complaintId, row)));
        }

        newestFirst.Reverse();
        return new Conversation(newestFirst, more);
    }

    /// <summary>
    /// Rows written before keys ran newest first are re-keyed when their case is read, a bounded
    /// number per read: each new row and the old one's deletion commit together, so a message is
    /// never lost or doubled, and a reader that loses the race to another leaves the rest to it.
    /// </summary>
    private async Task MoveFirstShapeAsync(string complaintId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {complaintId} and RowKey lt {Newest}");
        var batch = new List<TableTransactionAction>(100);
        var moved = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 50, cancellationToken: cancellationToken))
        {
            var at = row.GetDateTimeOffset("At")!.Value;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(complaintId, row.GetString("From"), at, OpenText(complaintId, row))));
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
            if (batch.Count == 100 && !await TrySubmitAsync(batch, cancellationToken))
            {
                return;
            }

            if (++moved == MovedPerRead)
            {
                break;
            }
        }

        await TrySubmitAsync(batch, cancellationToken);
    }

    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }

        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
            batch.Clear();
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false; // another reader moved these rows first
        }
    }

    private TableEntity Row(string complaintId, string from, DateTimeOffset at, string text)
    {
        // The guid orders two messages of one tick; newest first because it is the ticks counted down from the end of time.
        var rowKey = $"{Newest}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}";
        return new TableEntity(complaintId, rowKey)
        {
            ["From"] = from,
            ["At"] = at,
            ["Text"] = pii.Seal(Encoding.UTF8.GetBytes(text), Context(complaintId, rowKey)),
        };
    }

    private string OpenText(string complaintId, TableEntity row) =>
        Encoding.UTF8.GetString(pii.Open(row.GetBinary("Text"), Context(complaintId, row.RowKey)));

    private static string Context(string complaintId, string rowKey) => $"complaint/{complaintId}/message/{rowKey}";
}

/// <summary>A case's newest messages, oldest of them first, and whether older ones were left out.</summary>
public sealed record Conversation(IReadOnlyList<ConversationMessage> Messages, bool EarlierOmitted);
