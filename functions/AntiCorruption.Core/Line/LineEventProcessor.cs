using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Line;

/// <summary>
/// Handles one queued LINE event once as far as the user can tell, keyed by its
/// <c>webhookEventId</c>: the first worker claims the event, works the answer out once and keeps
/// it (sealed: it may hold a tracking code) before sending it. A redelivery after a failed send
/// sends that same answer again instead of running the conversation a second time (which could
/// file a tip twice); a redelivery after a good send does nothing, and the kept answer is dropped
/// once sent (it may hold a tracking code). Standby-mode events are never answered, nor events
/// older than <see cref="MaxAge"/>: a delivery is signed but not dated by its signature, so an
/// old one replayed after its marker is gone must not file a tip or answer a lookup again.
/// </summary>
public sealed partial class LineEventProcessor(StorageAccount storage, LineBot bot, LineClient line, PiiProtector pii, KeyedHasher hasher, TimeProvider time, ILogger<LineEventProcessor> logger)
{
    /// <summary>
    /// LINE delivers within seconds and our queue retries within minutes; an hour covers a storage
    /// outage worth answering, and stays far inside the week the event markers are kept.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly TableClient _events = storage.Table(StorageNames.LineEventsTable);

    public async Task ProcessAsync(string queued, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(LineEventEnvelope.Open(pii, queued));
        var lineEvent = LineEvent.Parse(document.RootElement) ?? throw new JsonException("Not a LINE event with a type and a webhookEventId.");
        if (lineEvent.Mode == "standby")
        {
            LogStandby(logger, new LoggedLineEvent(hasher, lineEvent.WebhookEventId));
            return;
        }

        if (time.GetUtcNow() - lineEvent.Timestamp > MaxAge)
        {
            LogTooOld(logger, new LoggedLineEvent(hasher, lineEvent.WebhookEventId));
            return;
        }

        var key = (Partition: lineEvent.WebhookEventId[^2..], Row: lineEvent.WebhookEventId);
        var row = await ClaimAsync(key.Partition, key.Row, cancellationToken);
        if (row is null)
        {
            LogDuplicate(logger, new LoggedLineEvent(hasher, lineEvent.WebhookEventId));
            return;
        }

        if (!row.ContainsKey("Answer"))
        {
            // Ours to handle: work the answer out once and keep it before sending it.
            var answer = await bot.HandleAsync(lineEvent, cancellationToken);
            row["Answer"] = pii.SealJson(answer, Context(lineEvent));
            await _events.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }

        var messages = pii.OpenJson<LineMessage[]>(row.GetBinary("Answer"), Context(lineEvent));
        if (messages.Length > 0)
        {
            try
            {
                await line.AnswerAsync(lineEvent, messages, cancellationToken);
            }
            catch
            {
                // Tell whoever gets the redelivery to send this answer again, not to wait for us.
                row["SendFailed"] = true;
                await _events.UpsertEntityAsync(row, TableUpdateMode.Merge, CancellationToken.None);
                throw;
            }
        }

        // Delivered: the marker stays (a redelivery is ignored), the answer goes.
        var delivered = new TableEntity(row.PartitionKey, row.RowKey) { ["ClaimedAt"] = row["ClaimedAt"], ["Delivered"] = true };
        await _events.UpsertEntityAsync(delivered, TableUpdateMode.Replace, cancellationToken);
        LogAnswered(logger, new LoggedLineEvent(hasher, lineEvent.WebhookEventId), lineEvent.Type, messages.Length);
    }

    /// <summary>
    /// The event's marker row for this worker to carry on with, or null when the event has been
    /// answered already. A worker that finds another one still working on the event waits for it;
    /// an answer whose send failed is sent again, and a claim left for long (a crashed worker) is
    /// taken over.
    /// </summary>
    private async Task<TableEntity?> ClaimAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var claim = new TableEntity(partition, row) { ["ClaimedAt"] = time.GetUtcNow(), ["Delivered"] = false };
        try
        {
            var added = await _events.AddEntityAsync(claim, cancellationToken);
            claim.ETag = added.Headers.ETag ?? Azure.ETag.All;
            return claim;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
        }

        for (var waited = TimeSpan.Zero; ; waited += StillWorkingPoll)
        {
            var existing = (await _events.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
            if (existing.GetBoolean("Delivered") == true)
            {
                return null;
            }

            if (existing.GetBoolean("SendFailed") == true || time.GetUtcNow() - existing.GetDateTimeOffset("ClaimedAt") > AbandonedAfter)
            {
                existing["SendFailed"] = false;
                return existing;
            }

            if (waited > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("Another worker is still handling this LINE event; the queue will bring it back.");
            }

            await Task.Delay(StillWorkingPoll, cancellationToken);
        }
    }

    private static readonly TimeSpan StillWorkingPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private static string Context(LineEvent lineEvent) => $"line-event/{lineEvent.WebhookEventId}";

    /// <summary>How log lines name a LINE event (see <see cref="LoggedLineEvent"/>).</summary>
    public static string LogNameOf(KeyedHasher hasher, string webhookEventId) => new LoggedLineEvent(hasher, webhookEventId).ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE event {Event} is older than an hour; not acted on")]
    private static partial void LogTooOld(ILogger logger, LoggedLineEvent @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE event {Event} ({Type}) answered with {Count} messages")]
    private static partial void LogAnswered(ILogger logger, LoggedLineEvent @event, string type, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE event {Event} was already answered; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, LoggedLineEvent @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE event {Event} arrived in standby mode; not answered")]
    private static partial void LogStandby(ILogger logger, LoggedLineEvent @event);
}

/// <summary>A LINE event as it waits on the queue: sealed, since it holds the user's id and words.</summary>
public static class LineEventEnvelope
{
    private const string Context = "line-webhook-event";

    public static string Seal(PiiProtector pii, string eventJson)
    {
        ArgumentNullException.ThrowIfNull(pii);
        return Convert.ToBase64String(pii.Seal(System.Text.Encoding.UTF8.GetBytes(eventJson), Context));
    }

    public static byte[] Open(PiiProtector pii, string queued)
    {
        ArgumentNullException.ThrowIfNull(pii);
        return pii.Open(Convert.FromBase64String(queued), Context);
    }
}
