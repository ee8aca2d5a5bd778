using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The messages between staff and a reporter, one row each in <c>complaintmessages</c>
/// (PartitionKey the complaint id, RowKey time-ordered), the text sealed.
/// </summary>
public sealed class ConversationStore(StorageAccount storage, PiiProtector pii, TimeProvider time)
{
    public const int MaxText = 5_000;
    public const string FromStaff = "staff";
    public const string FromReporter = "reporter";

    private readonly TableClient _table = storage.Table(StorageNames.MessagesTable);

    public async Task<ConversationMessage> AddAsync(string complaintId, string from, string text, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var rowKey = $"{at.UtcTicks:D19}-{Guid.NewGuid():N}";
        await _table.AddEntityAsync(
            new TableEntity(complaintId, rowKey)
            {
                ["From"] = from,
                ["At"] = at,
                ["Text"] = pii.Seal(System.Text.Encoding.UTF8.GetBytes(text), Context(complaintId, rowKey)),
            },
            cancellationToken);
        return new ConversationMessage(from, at, text);
    }

    public async Task<IReadOnlyList<ConversationMessage>> ReadAsync(string complaintId, CancellationToken cancellationToken)
    {
        var messages = new List<ConversationMessage>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {complaintId}"), cancellationToken: cancellationToken))
        {
            var text = System.Text.Encoding.UTF8.GetString(pii.Open(row.GetBinary("Text"), Context(complaintId, row.RowKey)));
            messages.Add(new ConversationMessage(row.GetString("From"), row.GetDateTimeOffset("At")!.Value, text));
        }

        return messages;
    }

    private static string Context(string complaintId, string rowKey) => $"complaint/{complaintId}/message/{rowKey}";
}
