using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>Functions that exist only to exercise the LocalHost's triggers.</summary>
public sealed class TestFunctions
{
    public const string FailingQueue = "localhost-tests-fails";
    public const string EchoQueue = "localhost-tests-echo";

    /// <summary>When each attempt ran, by the wall clock: tests read only the gaps between them.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<DateTime>> Attempts { get; } = new();
    public static ConcurrentQueue<string> Echoed { get; } = new();
    public static ConcurrentQueue<TimerInfo> Ticks { get; } = new();

    [Function("AlwaysFails")]
    public static void AlwaysFails([QueueTrigger(FailingQueue)] string message)
    {
        Attempts.GetOrAdd(message, _ => new()).Enqueue(DateTime.UtcNow);
        throw new InvalidOperationException("This function always fails.");
    }

    [Function("Echo")]
    public static void Echo([QueueTrigger(EchoQueue)] EchoMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Echoed.Enqueue(message.Text);
    }

    [Function("Tick")]
    public static void Tick([TimerTrigger("%TestSchedule%")] TimerInfo timer) => Ticks.Enqueue(timer);
}

public sealed record EchoMessage(string Text);
