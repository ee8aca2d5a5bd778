using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Line;

/// <summary>Where a LINE user is in a conversation, and what they have told the bot so far.</summary>
public sealed class LineConversation
{
    public string Flow { get; set; } = "";
    public string Step { get; set; } = "";
    public string? Category { get; set; }
    public int? Region { get; set; }
    public string? Province { get; set; }
    public string? Agency { get; set; }
    public string? Description { get; set; }
    public List<string> AttachmentIds { get; set; } = [];
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool? Anonymous { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? WorkshopId { get; set; }
}

/// <summary>
/// Conversation state in table <c>lineconversations</c>, keyed by a keyed hash of the LINE user id
/// and sealed, since a half-written tip is as sensitive as a finished one. A conversation left
/// for a day starts over. Nothing here links a finished complaint to the user: state is deleted
/// when the tip is sent.
/// </summary>
public sealed class LineConversationStore(StorageAccount storage, KeyedHasher hasher, PiiProtector pii, TimeProvider time)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(1);
    private readonly TableClient _table = storage.Table(StorageNames.LineConversationsTable);

    public string UserKey(string userId) => hasher.Hash("line-user", userId);

    public async Task<LineConversation> LoadAsync(string userKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(userKey[..2], userKey, cancellationToken: cancellationToken);
        if (!row.HasValue || time.GetUtcNow() - row.Value!.GetDateTimeOffset("UpdatedAt") > Expiry)
        {
            return new LineConversation();
        }

        return pii.OpenJson<LineConversation>(row.Value.GetBinary("State"), Context(userKey));
    }

    public Task SaveAsync(string userKey, LineConversation conversation, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new TableEntity(userKey[..2], userKey)
            {
                ["State"] = pii.SealJson(conversation, Context(userKey)),
                ["UpdatedAt"] = time.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public Task ForgetAsync(string userKey, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(userKey[..2], userKey, Azure.ETag.All, cancellationToken);

    private static string Context(string userKey) => $"line/{userKey}";
}
