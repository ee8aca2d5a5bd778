using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Privacy;

/// <summary>
/// The part of a re-seal pass (<see cref="PersonalDataReseal"/>) that walks the poison queues
/// (<see cref="SealedRecords.PoisonQueues"/>), after the tables. A queue has no keys to resume
/// from and no ETags: a message is hidden while the walk holds it, updated in place when it is
/// under an old key, and shown again when the walk stops, so it is read once per walk and stays
/// on its queue, with its id and expiry, for the replay that takes it off.
/// </summary>
internal sealed class PoisonQueueReseal(StorageAccount storage, PiiProtector pii)
{
    /// <summary>
    /// Reads a poison queue through: each message is hidden as it is read (so that the walk reads
    /// it once), one under an old key is updated in place (same id, same expiry), and when the
    /// walk stops every message it hid is shown again; a run that dies leaves them hidden for
    /// <see cref="PersonalDataReseal.QueueHold"/> at most. True when the queue had nothing more to show.
    /// </summary>
    public async Task<bool> WalkAsync(string name, ResealRun run, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(name);
        var held = new List<(string Id, string Receipt)>();
        try
        {
            while (true)
            {
                if (run.OutOfBudget())
                {
                    return false;
                }

                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, PersonalDataReseal.QueueHold, cancellationToken)).Value;
                if (messages.Length == 0)
                {
                    return true;
                }

                foreach (var message in messages)
                {
                    run.Status.Counts.Examined++;
                    run.Rows++;
                    var receipt = message.PopReceipt;
                    if (ResealMessage(name, message.Body.ToString(), run.Status.Counts) is { } resealed)
                    {
                        if (!await run.MarkWritingAsync(cancellationToken))
                        {
                            return false;
                        }

                        try
                        {
                            receipt = (await queue.UpdateMessageAsync(message.MessageId, receipt, resealed.Text, PersonalDataReseal.QueueHold, cancellationToken)).Value.PopReceipt;
                            run.Status.Counts.Resealed += resealed.Values;
                        }
                        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
                        {
                            run.Status.Counts.Changed++; // taken off the queue meanwhile
                            continue;
                        }
                    }

                    held.Add((message.MessageId, receipt));
                }

                if (!await run.SaveAsync(cancellationToken))
                {
                    return false;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode == "QueueNotFound")
        {
            return true;
        }
        finally
        {
            await ShowAgainAsync(queue, held);
        }
    }

    /// <summary>Makes the messages a walk hid visible again; one taken meanwhile is no matter.</summary>
    private static async Task ShowAgainAsync(QueueClient queue, List<(string Id, string Receipt)> held)
    {
        foreach (var (id, receipt) in held)
        {
            try
            {
                await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // Gone, or storage away: it shows again when its hold runs out.
            }
        }
    }

    /// <summary>A poison message's text with its sealed values under the current key, or null when it needs nothing (or is not one of ours).</summary>
    private (string Text, int Values)? ResealMessage(string queue, string text, ResealCounts counts)
    {
        if (queue == StorageNames.PoisonQueueOf(StorageNames.LineEventsQueue))
        {
            byte[] sealedEvent;
            try
            {
                sealedEvent = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                counts.Unrecognised++;
                return null;
            }

            return ResealValue(sealedEvent, SealedRecords.LineEventEnvelopeContext, counts) is { } value ? (Convert.ToBase64String(value), 1) : null;
        }

        ComplaintMessage message;
        try
        {
            message = ComplaintQueueWriter.Deserialize(text);
        }
        catch (JsonException)
        {
            counts.Unrecognised++;
            return null;
        }

        var details = ResealValue(message.Details, ComplaintMessage.DetailsContext(message.ComplaintId), counts);
        var reporter = message.Reporter is { Length: > 0 } sealedReporter ? ResealValue(sealedReporter, ComplaintMessage.ReporterContext(message.ComplaintId), counts) : null;
        var notifyLine = message.NotifyLine is { Length: > 0 } sealedLink ? ResealValue(sealedLink, ComplaintMessage.NotifyLineContext(message.ComplaintId), counts) : null;
        if (details is null && reporter is null && notifyLine is null)
        {
            return null;
        }

        var resealed = message with { Details = details ?? message.Details, Reporter = reporter ?? message.Reporter, NotifyLine = notifyLine ?? message.NotifyLine };
        return (ComplaintQueueWriter.Serialize(resealed), (details is null ? 0 : 1) + (reporter is null ? 0 : 1) + (notifyLine is null ? 0 : 1));
    }

    /// <summary>The value under the current key, or null when it is under it already, is no sealed value, or does not open (counted).</summary>
    private byte[]? ResealValue(byte[] value, string context, ResealCounts counts)
    {
        if (pii.IsSealedWithCurrentKey(value))
        {
            return null;
        }

        if (PiiProtector.KeyIdOf(value) is not { } keyId)
        {
            counts.Unrecognised++;
            return null;
        }

        try
        {
            return pii.Reseal(value, context);
        }
        catch (CryptographicException)
        {
            counts.Left[keyId] = counts.Left.GetValueOrDefault(keyId) + 1;
            return null;
        }
    }
}
