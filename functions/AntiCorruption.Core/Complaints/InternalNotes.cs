using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Staff's internal notes on a case, never shown to the reporter: a row each in
/// <c>complaintnotes</c> (PartitionKey the complaint id, RowKey time-ordered), the text sealed,
/// so a case holds as many as its investigation needs and noting changes nothing else.
/// </summary>
public sealed class InternalNotes(StorageAccount storage, PiiProtector pii, TimeProvider time)
{
    public const int MaxText = 5_000;

    private readonly TableClient _table = storage.Table(StorageNames.NotesTable);

    public async Task<InternalNote> AddAsync(string complaintId, string by, string text, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var rowKey = $"{at.UtcTicks:D19}-{Guid.NewGuid():N}";
        await _table.AddEntityAsync(
            new TableEntity(complaintId, rowKey)
            {
                ["At"] = at,
                ["By"] = by,
                ["Text"] = pii.Seal(System.Text.Encoding.UTF8.GetBytes(text), Context(complaintId, rowKey)),
            },
            cancellationToken);
        return new InternalNote(at, by, text);
    }

    /// <summary>Every note, oldest first.</summary>
    public async Task<IReadOnlyList<InternalNote>> ReadAsync(string complaintId, CancellationToken cancellationToken)
    {
        var notes = new List<InternalNote>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {complaintId}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var text = System.Text.Encoding.UTF8.GetString(pii.Open(row.GetBinary("Text"), Context(complaintId, row.RowKey)));
            notes.Add(new InternalNote(row.GetDateTimeOffset("At")!.Value, row.GetString("By"), text));
        }

        return notes;
    }

    private static string Context(string complaintId, string rowKey) => $"complaint/{complaintId}/note/{rowKey}";
}

/// <summary>An internal note: when, by whom (the staff id), what.</summary>
public sealed record InternalNote(DateTimeOffset At, string By, string Text);
