using System.Net;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// Remembers the first answer to each <c>Idempotency-Key</c>. The key is stored only as a keyed
/// hash and the answer (which holds the tracking code) only sealed, so this table reveals no
/// more than the complaints table does.
/// </summary>
public sealed class IdempotencyStore(StorageAccount storage, KeyedHasher hasher, PiiProtector pii)
{
    private readonly TableClient _table = storage.Table(StorageNames.IdempotencyTable);

    /// <summary>The record of an earlier request with this key, or null when the key is new.</summary>
    public async Task<IdempotencyClaim?> FindAsync(string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var hash = hasher.Hash("idempotency-key", key);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(hash[..2], hash, cancellationToken: cancellationToken);
        return existing.HasValue ? Earlier(existing.Value!, hash, requestHash) : null;
    }

    /// <summary>
    /// Claims the key for this request. When another request claimed it first, returns that
    /// request's record instead.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string key, byte[] requestHash, ComplaintReceipt receipt, string complaintId, CancellationToken cancellationToken)
    {
        var hash = hasher.Hash("idempotency-key", key);
        var entity = new TableEntity(hash[..2], hash)
        {
            ["RequestHash"] = Convert.ToHexStringLower(requestHash),
            ["Answer"] = pii.SealJson(new StoredAnswer(complaintId, receipt), Context(hash)),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return new IdempotencyClaim(true, complaintId, receipt, SameRequest: true);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = (await _table.GetEntityAsync<TableEntity>(hash[..2], hash, cancellationToken: cancellationToken)).Value;
            return Earlier(existing, hash, requestHash);
        }
    }

    /// <summary>Forgets a claim whose request was refused after all, so that the key answers nothing that was never accepted.</summary>
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        var hash = hasher.Hash("idempotency-key", key);
        await _table.DeleteEntityAsync(hash[..2], hash, ETag.All, cancellationToken);
    }

    private IdempotencyClaim Earlier(TableEntity existing, string hash, byte[] requestHash)
    {
        var answer = pii.OpenJson<StoredAnswer>(existing.GetBinary("Answer"), Context(hash));
        var same = string.Equals(existing.GetString("RequestHash"), Convert.ToHexStringLower(requestHash), StringComparison.Ordinal);
        return new IdempotencyClaim(false, answer.ComplaintId, answer.Receipt, same);
    }

    private static string Context(string hash) => $"idempotency/{hash}";

    private sealed record StoredAnswer(string ComplaintId, ComplaintReceipt Receipt);
}

/// <summary>
/// The outcome of claiming a key: <see cref="IsNew"/> when this request owns it; otherwise the
/// first request's complaint id and receipt, and whether the first request had the same body.
/// </summary>
public sealed record IdempotencyClaim(bool IsNew, string ComplaintId, ComplaintReceipt Receipt, bool SameRequest);
