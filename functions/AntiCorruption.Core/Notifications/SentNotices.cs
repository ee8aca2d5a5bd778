using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// What has been sent: a row per notice and recipient (PartitionKey the notice id, RowKey a keyed
/// hash of the address or the channel, never the address), written once the service accepted it.
/// A notice taken again after a crash or a redelivery skips whoever already has it; the window
/// between the service's acceptance and this row is closed by the service's own operation id.
/// </summary>
public sealed class SentNotices(StorageAccount storage, KeyedHasher hasher)
{
    private readonly TableClient _table = storage.Table(StorageNames.SentNoticesTable);

    /// <summary>The row key of an address: the keyed hash of its lower-case form.</summary>
    public string RecipientKey(string address) => hasher.Hash("notice-recipient", address.Trim().ToLowerInvariant());

    public async Task<bool> WasSentAsync(string noticeId, string recipientKey, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(noticeId, recipientKey, ["PartitionKey"], cancellationToken)).HasValue;

    public async Task RecordAsync(string noticeId, string recipientKey, string channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(noticeId, recipientKey) { ["Channel"] = channel, ["SentAt"] = at }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by an earlier try of the same notice.
        }
    }
}
