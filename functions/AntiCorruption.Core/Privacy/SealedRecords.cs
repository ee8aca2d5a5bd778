using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Retention;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// Every place a value sealed under <c>Pii__Key</c> is kept, and the context each one is bound
/// to (the associated data: a value opens only under the context it was sealed with). The
/// re-seal after a key rotation (<see cref="PersonalDataReseal"/>) walks exactly these.
/// <para>
/// The contexts are those of the code that writes each value; the ones that code keeps private
/// are repeated here, and ResealTests (on Azurite) seal every kind through the app and check
/// that nothing is left under the old key, so a context changed there without here fails them.
/// </para>
/// <para>
/// Not here, because nothing of it is sealed under the PII key: evidence files in the
/// <c>attachments</c> container (each under a key of its own, which is here, in its row), the
/// audit trail, summaries, tracking codes and other keyed hashes (under <c>Pii__HashKey</c>, which
/// is never rotated). The <c>complaints</c> and <c>line-events</c> queues carry sealed values for
/// seconds; what fails there for good lands in their poison queues, which are here.
/// </para>
/// </summary>
public static class SealedRecords
{
    /// <summary>The tables, in the order a pass walks them.</summary>
    public static IReadOnlyList<SealedTable> Tables { get; } =
    [
        // ComplaintProcessor: the message's sealed fields, and ComplaintHistory.WriteFirst.
        new(StorageNames.ComplaintsTable, ["ComplaintId", "Details", "Reporter", "NotifyLine", "History"], row => row.GetString("ComplaintId") is { Length: > 0 } id
            ? [new("Details", ComplaintMessage.DetailsContext(id)), new("Reporter", ComplaintMessage.ReporterContext(id)), new("NotifyLine", ComplaintMessage.NotifyLineContext(id)), new("History", ComplaintEntity.HistoryContext(id))]
            : []),
        // ComplaintHistory.RowContext.
        new(StorageNames.ComplaintHistoryTable, ["Change"], row => [new("Change", $"history/{row.PartitionKey}/{row.RowKey}")]),
        // InternalNotes.Context.
        new(StorageNames.NotesTable, ["Text"], row => [new("Text", $"complaint/{row.PartitionKey}/note/{row.RowKey}")]),
        // ConversationStore.Context (rows of both key shapes).
        new(StorageNames.MessagesTable, ["Text"], row => [new("Text", $"complaint/{row.PartitionKey}/message/{row.RowKey}")]),
        // SealedEvidenceBlobs.KeyContext: the file's own key; the blob itself is sealed under that key and never rewritten.
        new(StorageNames.AttachmentsTable, ["SealedKey"], row => [new("SealedKey", $"attachment/{row.RowKey}/key")]),
        // RegistrationIntake: only the registration rows (r-{code hash}) hold sealed values.
        new(StorageNames.RegistrationsTable, ["Attendee", "Code"], row => row.RowKey.StartsWith("r-", StringComparison.Ordinal)
            ? [new("Attendee", RegistrationCodes.AttendeeContext(row.PartitionKey, row.RowKey[2..])), new("Code", RegistrationCodes.CodeContext(row.PartitionKey, row.RowKey[2..]))]
            : [])
        {
            Filter = TableClient.CreateQueryFilter($"RowKey ge {"r-"} and RowKey lt {"r."}"),
        },
        // IdempotencyStore.Context.
        new(StorageNames.IdempotencyTable, ["Answer"], row => [new("Answer", $"idempotency/{row.RowKey}")]),
        // LineConversationStore.Context, and LineNotifyLinks.Context for the rows listing a user's
        // cases linked for news (n-{hash}): those are kept until the user stops, not a working record.
        new(StorageNames.LineConversationsTable, ["State", "Links"], row => row.RowKey.StartsWith(LineNotifyLinks.RowPrefix, StringComparison.Ordinal)
            ? [new("Links", LineNotifyLinks.Context(row.RowKey[LineNotifyLinks.RowPrefix.Length..]))]
            : [new("State", $"line/{row.RowKey}")])
        {
            Lasting = row => row.RowKey.StartsWith(LineNotifyLinks.RowPrefix, StringComparison.Ordinal),
        },
        // LineEventProcessor.Context: the answer kept until it is sent.
        new(StorageNames.LineEventsTable, ["Answer"], row => [new("Answer", $"line-event/{row.RowKey}")]),

        new(StorageNames.StaffDirectoryTable, ["Address"], row => [new("Address", Notifications.StaffDirectory.AddressContext(row.RowKey))]),
    ];

    /// <summary>The poison queues whose messages hold sealed values, in the order a pass walks them.</summary>
    public static IReadOnlyList<string> PoisonQueues { get; } =
        [StorageNames.PoisonQueueOf(StorageNames.ComplaintsQueue), StorageNames.PoisonQueueOf(StorageNames.LineEventsQueue)];

    /// <summary>LineEventEnvelope's context: a queued LINE event, sealed whole.</summary>
    internal const string LineEventEnvelopeContext = "line-webhook-event";
}

/// <summary>
/// A table holding sealed values: the columns to read (the sealed ones and what their contexts
/// are made of) and, for a row, each sealed property with its context. A row lacking a property
/// (an anonymous reporter, a registration of the first version) simply has nothing there.
/// </summary>
public sealed record SealedTable(string Name, IReadOnlyList<string> Columns, Func<TableEntity, IReadOnlyList<SealedField>> Fields)
{
    /// <summary>A filter on the rows that can hold sealed values, or null for every row.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Rows of a working table that are kept for good rather than for its lifetime (a LINE user's
    /// cases linked for news, beside the conversations), or null when every row is a working record.
    /// </summary>
    public Func<TableEntity, bool>? Lasting { get; init; }

    /// <summary>
    /// How long a working record lives (<see cref="ExpiredRecords"/>: its period in the retention
    /// schedule), or null for a record kept for good.
    /// </summary>
    public TimeSpan? LifetimeUnder(RetentionSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return ExpiredRecords.Tables.FirstOrDefault(t => t.Value == Name).Key is { } kind ? schedule[kind].Period.Shortest : null;
    }
}

/// <summary>One sealed property of a row and the context it was sealed with.</summary>
public sealed record SealedField(string Property, string Context);
