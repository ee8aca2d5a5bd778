using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Runs one queue-triggered function with the Functions host's semantics: batches of
/// <c>batchSize</c>, a new batch once in-flight work falls to <c>newBatchThreshold</c>, polling
/// that backs off to <c>maxPollingInterval</c> when idle, a failed message made visible again
/// after <c>visibilityTimeout</c>, and moved to <c>{queue}-poison</c> once it has been dequeued
/// <c>maxDequeueCount</c> times.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionDefinition function,
    StorageAccount storage,
    QueueSettings settings,
    FunctionInvoker invoker,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient _queue = storage.Queue(function.QueueName!);

    public FunctionDefinition Function => function;
    private readonly QueueClient _poison = storage.Queue(StorageNames.PoisonQueueOf(function.QueueName!));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inFlight = new HashSet<Task>();
        var delay = MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveWhere(t => t.IsCompleted);
                if (inFlight.Count > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight);
                    continue;
                }

                var messages = await ReceiveAsync(stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                foreach (var message in messages)
                {
                    inFlight.Add(ProcessAsync(message, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let running invocations finish; what they do not finish reappears after its lease.
        await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task<QueueMessage[]> ReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var untraced = HostTelemetry.Untraced();
            return (await _queue.ReceiveMessagesAsync(settings.BatchSize, settings.Lease, stoppingToken)).Value;
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            // Storage may be down for a while: keep polling slowly rather than let the listener die.
            LogReceiveFailed(logger, function.QueueName!, (ex as RequestFailedException)?.Status ?? 0, (ex as RequestFailedException)?.ErrorCode ?? ex.GetType().Name);
            await Task.Delay(settings.MaxPollingInterval, stoppingToken);
            return [];
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                using var untraced = HostTelemetry.Untraced();
                await MoveToPoisonAsync(message);
                return;
            }

            try
            {
                await invoker.InvokeQueueAsync(function, message.Body, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, function.Name, message.MessageId, message.DequeueCount);
                using var untraced = HostTelemetry.Untraced();
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(message);
                }
                else
                {
                    await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }

                return;
            }

            using (HostTelemetry.Untraced())
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            // Storage failed while settling the message: it becomes visible again after its lease.
            LogSettleFailed(logger, function.Name, message.MessageId, (ex as RequestFailedException)?.Status ?? 0);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: hand the message back now rather than after its 10-minute lease.
            using var untraced = HostTelemetry.Untraced();
            await ((Task)_queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None))
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message)
    {
        await _poison.CreateIfNotExistsAsync();
        await _poison.SendMessageAsync(message.Body);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        LogPoisoned(logger, function.Name, message.MessageId, _poison.Name, message.DequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, string poisonQueue, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not receive from queue {Queue} ({Status} {ErrorCode}); retrying")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: could not settle message {MessageId} ({Status}); it will be redelivered")]
    private static partial void LogSettleFailed(ILogger logger, string function, string messageId, int status);
}
