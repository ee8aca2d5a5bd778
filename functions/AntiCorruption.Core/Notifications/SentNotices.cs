using AntiCorruption.Core.Notifications.Mail;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// What has been sent: a row per notice and recipient (PartitionKey the notice id, RowKey a keyed
/// hash of the address, never the address), and the daily slots of mails capped per address
/// (PartitionKey the kind and the day). The row is written before the send, as a claim
/// holding the send's repeatable request (<see cref="MailRequest"/>), and marked done once the
/// service took the mail or refused it for good. A notice taken again after a crash or a
/// redelivery skips whoever is done, and repeats a claimed send with the same request, which
/// the service answers without sending twice.
/// </summary>
public sealed class SentNotices(StorageAccount storage, KeyedHasher hasher)
{
    private const string Pending = "pending";
    private readonly TableClient _table = storage.Table(StorageNames.SentNoticesTable);

    /// <summary>The row key of an address: the keyed hash of its lower-case form.</summary>
    public string RecipientKey(string address) => hasher.Hash("notice-recipient", address.Trim().ToLowerInvariant());

    /// <summary>
    /// The request to send a notice's mail to one recipient with, or null when it was sent or
    /// refused already. A claim the service still remembers (younger than <paramref name="reuseFor"/>)
    /// is repeated; an older one, or none, is replaced by a new request first sent now. With
    /// <paramref name="replacing"/>, only that request's claim is replaced: a newer one, made
    /// meanwhile by another delivery of the same notice, is repeated instead of sent beside.
    /// </summary>
    public async Task<MailRequest?> ClaimAsync(string noticeId, string recipientKey, DateTimeOffset now, TimeSpan reuseFor, CancellationToken cancellationToken, MailRequest? replacing = null)
    {
        var firstSent = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        while (true)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(noticeId, recipientKey, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                try
                {
                    await _table.AddEntityAsync(Claim(noticeId, recipientKey, firstSent), cancellationToken);
                    return Request(noticeId, recipientKey, firstSent);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    continue; // another delivery of the same notice claimed it first: read theirs
                }
            }

            var row = found.Value!;
            if (row.GetString("Channel") != Pending)
            {
                return null;
            }

            var claimed = row.GetDateTimeOffset("FirstSentAt")!.Value;
            if (replacing is null ? now - claimed < reuseFor : claimed != replacing.FirstSent)
            {
                return Request(noticeId, recipientKey, claimed);
            }

            try
            {
                await _table.UpdateEntityAsync(Claim(noticeId, recipientKey, firstSent), row.ETag, TableUpdateMode.Replace, cancellationToken);
                return Request(noticeId, recipientKey, firstSent);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Changed since it was read: read it again.
            }
        }
    }

    /// <summary>
    /// One mail of a kind a day to an address, whichever notice asks: true when
    /// <paramref name="noticeId"/> holds the day's slot (taken now, or by an earlier try of the same
    /// notice), false when another notice took it. The row is keyed by the kind and the Bangkok day.
    /// </summary>
    public async Task<bool> TakeDailySlotAsync(string kind, string recipientKey, string noticeId, DateOnly day, CancellationToken cancellationToken)
    {
        var partition = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}|{day:yyyy-MM-dd}");
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, recipientKey) { ["NoticeId"] = noticeId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var taken = await _table.GetEntityAsync<TableEntity>(partition, recipientKey, cancellationToken: cancellationToken);
            return taken.Value.GetString("NoticeId") == noticeId;
        }
    }

    /// <summary>Marks a recipient done: <c>mail</c> when the service took it, <c>refused</c> when it never will.</summary>
    public async Task RecordAsync(string noticeId, string recipientKey, string channel, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(noticeId, recipientKey) { ["Channel"] = channel, ["SentAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    private static TableEntity Claim(string noticeId, string recipientKey, DateTimeOffset firstSent) =>
        new(noticeId, recipientKey) { ["Channel"] = Pending, ["FirstSentAt"] = firstSent };

    /// <summary>A request id the service takes (a UUID), the same for the same notice, recipient and first send.</summary>
    private static MailRequest Request(string noticeId, string recipientKey, DateTimeOffset firstSent) =>
        new(StableUuid.Of("mail-request", $"{noticeId}|{recipientKey}|{firstSent.UtcTicks}"), firstSent);
}
