using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Operations;

/// <summary>
/// Moves messages from <c>{queue}-poison</c> back to <c>{queue}</c>, once the cause of their
/// failures is fixed. Each message is added to the queue before it is deleted from the poison
/// queue, so a replay that stops half-way loses nothing: at worst a message is in both, and
/// processing is idempotent, so it is stored once. Only messages that reached the poison queue
/// before the request was made are moved: one that fails again and comes back is not replayed in
/// a loop, and the same request delivered twice finds nothing more to move.
/// </summary>
public sealed partial class PoisonReplay(StorageAccount storage, TimeProvider time, ILogger<PoisonReplay> logger)
{
    /// <summary>The queue that takes replay requests (<c>scripts/replay-poison.sh</c> writes to it).</summary>
    public const string RequestsQueue = StorageNames.PoisonReplaysQueue;

    /// <summary>At most this many messages a request, so one run stays well inside the function timeout; ask again for more.</summary>
    public const int MostPerRequest = 2_000;

    /// <summary>Long enough for a batch to be moved; a message a crashed run held reappears after it.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    /// <summary>The queues whose poison a request may replay: those with a function that reads them.</summary>
    public static IReadOnlyList<string> ReplayableQueues { get; } =
        [StorageNames.ComplaintsQueue, StorageNames.RegistrationsQueue, StorageNames.LineEventsQueue, StorageNames.SummaryCompilesQueue, StorageNames.EventOutboxQueue, StorageNames.NotificationsQueue];

    public async Task<PoisonReplayResult> HandleAsync(string requestJson, CancellationToken cancellationToken)
    {
        PoisonReplayRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<PoisonReplayRequest>(requestJson, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.Queue is not { } queue || !ReplayableQueues.Contains(queue, StringComparer.Ordinal))
        {
            // Completed rather than thrown: a request that can never succeed must not end in a poison queue of its own.
            LogRefused(logger);
            return new PoisonReplayResult(0, 0, 0);
        }

        var now = time.GetUtcNow();
        var before = request.Before is { } asked && asked < now ? asked : now;
        return await ReplayAsync(queue, before, cancellationToken);
    }

    public async Task<PoisonReplayResult> ReplayAsync(string queue, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(StorageNames.PoisonQueueOf(queue));
        var target = storage.Queue(queue);
        int moved = 0, newer = 0;
        while (moved < MostPerRequest)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: Hold, cancellationToken)).Value;
            var movedThisBatch = 0;
            foreach (var message in batch)
            {
                if (message.InsertedOn is { } inserted && inserted > before)
                {
                    // Poisoned after the request: leave it for the next request, visible again at once.
                    await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                    newer++;
                    continue;
                }

                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                movedThisBatch++;
            }

            moved += movedThisBatch;
            if (movedThisBatch == 0)
            {
                break;
            }
        }

        var left = (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        LogReplayed(logger, queue, moved, left);
        return new PoisonReplayResult(moved, newer, left);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison replay request refused: it must be {{\"queue\": one of complaints, registrations, line-events, summary-compiles, event-outbox, notifications}}")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Moved} message(s) from the poison queue of {Queue}; about {Left} left there")]
    private static partial void LogReplayed(ILogger logger, string queue, int moved, int left);
}

/// <summary>A replay request: the queue, and the moment it was asked (messages poisoned later stay).</summary>
public sealed record PoisonReplayRequest(string? Queue, DateTimeOffset? Before);

public sealed record PoisonReplayResult(int Moved, int LeftAsNewer, int LeftInPoison);
