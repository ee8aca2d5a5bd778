using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Line;

/// <summary>
/// Which cases a LINE user asked to be told of news on, so that "หยุดแจ้งเตือน" can stop them
/// all. Each such case keeps the user's id sealed (<see cref="ComplaintEntity.NotifyLine"/>); the
/// user's side is one row in table <c>lineconversations</c> beside their conversation, keyed by the
/// same keyed hash of the LINE id (row key <c>n-{hash}</c>), holding the case ids sealed. Nothing
/// here holds the plain id. The row is the reporter's consent: a case is pushed to only while its
/// id is listed here, so a stop that comes while a case is still on the queue holds too.
/// Conversation rows expire; these do not (<see cref="Retention.ExpiredRecords"/> skips them):
/// they go when the user stops, and each case leaves it when its link is erased.
/// </summary>
public sealed class LineNotifyLinks(StorageAccount storage, KeyedHasher hasher, PiiProtector pii)
{
    /// <summary>The row-key prefix of these rows; conversation rows are keyed by the bare hash (hex), which sorts before it.</summary>
    public const string RowPrefix = "n-";

    private const int Attempts = 8;
    private readonly TableClient _table = storage.Table(StorageNames.LineConversationsTable);

    /// <summary>The context the user's list is sealed with; <paramref name="userKey"/> is the keyed hash.</summary>
    public static string Context(string userKey) => $"line-notify/{userKey}";

    /// <summary>The LINE user id of a case's link, sealed for its complaint, as intake puts it on the message.</summary>
    public byte[] Seal(string complaintId, string lineUserId) =>
        pii.Seal(Encoding.UTF8.GetBytes(lineUserId), ComplaintMessage.NotifyLineContext(complaintId));

    /// <summary>The LINE user id a case is linked to, or null when it has no link.</summary>
    public string? UserIdOf(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.NotifyLine is { Length: > 0 } sealedId ? Encoding.UTF8.GetString(pii.Open(sealedId, ComplaintMessage.NotifyLineContext(complaint.ComplaintId))) : null;
    }

    public string UserKey(string lineUserId) => hasher.Hash("line-user", lineUserId);

    /// <summary>Lists the case for the user: before its message is queued, so no case is linked that the user could not stop.</summary>
    public Task AddAsync(string userKey, string complaintId, CancellationToken cancellationToken) =>
        ChangeAsync(userKey, ids => ids.Add(complaintId), cancellationToken);

    /// <summary>Whether the user still wants news of the case.</summary>
    public async Task<bool> IsLinkedAsync(string userKey, string complaintId, CancellationToken cancellationToken) =>
        (await ReadAsync(userKey, cancellationToken)).Ids.Contains(complaintId);

    /// <summary>Takes the case off the user's list (its link was erased).</summary>
    public Task RemoveAsync(string userKey, string complaintId, CancellationToken cancellationToken) =>
        ChangeAsync(userKey, ids => ids.Remove(complaintId), cancellationToken);

    /// <summary>The user stops every notification: their row goes, and its case ids are returned to unlink.</summary>
    public async Task<IReadOnlyList<string>> TakeAllAsync(string userKey, CancellationToken cancellationToken)
    {
        var (ids, etag) = await ReadAsync(userKey, cancellationToken);
        if (etag is not null)
        {
            await _table.DeleteEntityAsync(userKey[..2], RowPrefix + userKey, ETag.All, cancellationToken);
        }

        return [.. ids];
    }

    /// <summary>Removes a case's link from the user's list, given the case while it still holds it.</summary>
    public async Task ForgetCaseAsync(ComplaintEntity complaint, CancellationToken cancellationToken)
    {
        if (UserIdOf(complaint) is { } userId)
        {
            await RemoveAsync(UserKey(userId), complaint.ComplaintId, cancellationToken);
        }
    }

    private async Task<(HashSet<string> Ids, ETag? ETag)> ReadAsync(string userKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(userKey[..2], RowPrefix + userKey, cancellationToken: cancellationToken);
        return row.HasValue
            ? (new HashSet<string>(pii.OpenJson<string[]>(row.Value!.GetBinary("Links"), Context(userKey)), StringComparer.Ordinal), row.Value.ETag)
            : (new HashSet<string>(StringComparer.Ordinal), null);
    }

    private async Task ChangeAsync(string userKey, Func<HashSet<string>, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (ids, etag) = await ReadAsync(userKey, cancellationToken);
            if (!change(ids))
            {
                return;
            }

            try
            {
                if (ids.Count == 0)
                {
                    await _table.DeleteEntityAsync(userKey[..2], RowPrefix + userKey, etag ?? ETag.All, cancellationToken);
                    return;
                }

                var row = new TableEntity(userKey[..2], RowPrefix + userKey) { ["Links"] = pii.SealJson(ids.Order(StringComparer.Ordinal).ToArray(), Context(userKey)) };
                if (etag is { } tag)
                {
                    await _table.UpdateEntityAsync(row, tag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(row, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound && attempt < Attempts)
            {
                // Changed by another event of the same user meanwhile: read again.
            }
        }
    }
}
