using System.Net;
using Azure;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Storage;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// Poison messages older than their period, in every <c>-poison</c> queue. A queue can only be
/// read by taking messages: those due are held (invisible) until the run has written its audit
/// record and deletes them; the others are made visible again at once, so a replay running at the
/// same time misses nothing.
/// </summary>
internal sealed class PoisonExpiry(StorageAccount storage)
{
    /// <summary>Long enough for the audit record to be written; a run that dies meanwhile leaves the messages to reappear.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> PoisonQueues { get; } =
        StorageNames.Queues.Where(q => q.EndsWith("-poison", StringComparison.Ordinal)).ToArray();

    public async Task<(List<HeldMessage> Due, bool Complete)> DueAsync(DateTimeOffset cutoff, int most, CancellationToken cancellationToken)
    {
        var due = new List<HeldMessage>();
        var complete = true;
        foreach (var queue in PoisonQueues)
        {
            var client = storage.Queue(queue);
            while (true)
            {
                QueueMessage[] batch;
                try
                {
                    batch = (await client.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: Hold, cancellationToken)).Value;
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
                {
                    break; // never made: nothing was ever poisoned here
                }

                var taken = 0;
                foreach (var message in batch)
                {
                    if (message.InsertedOn is { } inserted && inserted < cutoff && due.Count < most)
                    {
                        due.Add(new HeldMessage(queue, message.MessageId, message.PopReceipt));
                        taken++;
                        continue;
                    }

                    complete &= !(message.InsertedOn < cutoff);
                    await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                }

                // Queues give oldest first, roughly: a batch with nothing due ends this queue.
                if (taken == 0 || due.Count == most)
                {
                    break;
                }
            }
        }

        return (due, complete);
    }

    public async Task<Erased> DeleteAsync(HeldMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await storage.Queue(message.Queue).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return Erased.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return Erased.NotDue; // expired by storage's own time to live, or replayed by hand
        }
    }
}

/// <summary>A poison message taken from its queue until the run deletes it.</summary>
internal sealed record HeldMessage(string Queue, string MessageId, string PopReceipt);
