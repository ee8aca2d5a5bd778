using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>The queue and timer runtimes against a real Azurite, driving the test functions.</summary>
public class TriggerRuntimeTests
{
    private static readonly IReadOnlyDictionary<string, FunctionDefinition> Functions =
        FunctionCatalog.Discover(typeof(TestFunctions).Assembly).ToDictionary(f => f.Name);

    private static FunctionInvoker Invoker() => new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());

    private static async Task<StorageAccount> FreshQueuesAsync(string queue)
    {
        var storage = (await Azurite.SharedAsync()).Account();
        foreach (var name in new[] { queue, StorageNames.PoisonQueueOf(queue) })
        {
            await storage.Queue(name).CreateIfNotExistsAsync();
            await storage.Queue(name).ClearMessagesAsync();
        }

        return storage;
    }

    [Fact]
    public async Task Queue_FunctionAlwaysFails_MovesMessageToPoisonAfterMaxDequeueCount()
    {
        var storage = await FreshQueuesAsync(TestFunctions.FailingQueue);
        var settings = new QueueSettings(BatchSize: 4, NewBatchThreshold: 2, MaxPollingInterval: TimeSpan.FromMilliseconds(200), VisibilityTimeout: TimeSpan.FromSeconds(1), MaxDequeueCount: 3, MessageEncoding: "base64");
        using var listener = new QueueTriggerListener(Functions["AlwaysFails"], storage, settings, Invoker(), NullLogger<QueueTriggerListener>.Instance);
        var text = $"poison me {Guid.NewGuid()}";
        await storage.Queue(TestFunctions.FailingQueue).SendMessageAsync(text);
        await storage.Queue(TestFunctions.EchoQueue).CreateIfNotExistsAsync();

        await listener.StartAsync(CancellationToken.None);
        var poisoned = await Eventually.GetAsync(
            async () => (await storage.Queue(StorageNames.PoisonQueueOf(TestFunctions.FailingQueue)).PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString() == text),
            TimeSpan.FromSeconds(20),
            "the message in the poison queue");
        await listener.StopAsync(CancellationToken.None);

        var attempts = TestFunctions.Attempts[text].ToArray();
        Assert.Equal(3, attempts.Length);
        // A failed message stays hidden for visibilityTimeout before the next try.
        Assert.All(attempts.Zip(attempts.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(900), $"retried after {(pair.Second - pair.First).TotalMilliseconds} ms"));
        Assert.Empty((await storage.Queue(TestFunctions.FailingQueue).PeekMessagesAsync(32)).Value);
        Assert.Equal(text, poisoned.Body.ToString());
    }

    [Fact]
    public async Task Queue_StorageUnreachable_ListenerKeepsPollingInsteadOfDying()
    {
        // What a storage outage looks like to the listener: every receive fails after the SDK's retries.
        var storage = StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Azurite.Unreachable() }).Build());
        var settings = new QueueSettings(BatchSize: 4, NewBatchThreshold: 2, MaxPollingInterval: TimeSpan.FromMilliseconds(200), VisibilityTimeout: TimeSpan.Zero, MaxDequeueCount: 3, MessageEncoding: "base64");
        using var listener = new QueueTriggerListener(Functions["Echo"], storage, settings, Invoker(), NullLogger<QueueTriggerListener>.Instance);

        await listener.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(listener.ExecuteTask!.IsCompleted, $"the listener stopped: {listener.ExecuteTask.Exception?.InnerException?.GetType().Name}");
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Queue_Base64JsonMessages_AreDecodedBoundAndDeleted()
    {
        var storage = await FreshQueuesAsync(TestFunctions.EchoQueue);
        var settings = new QueueSettings(BatchSize: 2, NewBatchThreshold: 1, MaxPollingInterval: TimeSpan.FromMilliseconds(200), VisibilityTimeout: TimeSpan.Zero, MaxDequeueCount: 5, MessageEncoding: "base64");
        using var listener = new QueueTriggerListener(Functions["Echo"], storage, settings, Invoker(), NullLogger<QueueTriggerListener>.Instance);
        var texts = Enumerable.Range(0, 7).Select(i => $"ข้อความ {i} {Guid.NewGuid()}").ToArray();
        foreach (var text in texts)
        {
            // The storage client's base64 encoding is what the Functions host reads by default.
            await storage.Queue(TestFunctions.EchoQueue).SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new { text }));
        }

        await listener.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(texts.All(TestFunctions.Echoed.Contains) ? "all" : null), TimeSpan.FromSeconds(20), "every message echoed");
        await Eventually.GetAsync(
            async () => (await storage.Queue(TestFunctions.EchoQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null,
            TimeSpan.FromSeconds(10),
            "the queue to be empty");
        await listener.StopAsync(CancellationToken.None);

        Assert.Empty((await storage.Queue(StorageNames.PoisonQueueOf(TestFunctions.EchoQueue)).PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Timer_EverySecondSchedule_FiresWithScheduleStatus()
    {
        // The real clock, as the scheduler must really fire: every second matches at any hour.
        var schedule = TimerTriggerScheduler.Parse("%TestSchedule%", _ => "* * * * * *");
        using var scheduler = new TimerTriggerScheduler(Functions["Tick"], schedule, Invoker(), TimeProvider.System, NullLogger<TimerTriggerScheduler>.Instance);
        var before = TestFunctions.Ticks.Count;

        await scheduler.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(TestFunctions.Ticks.Count >= before + 2 ? "ticked" : null), TimeSpan.FromSeconds(10), "two ticks");
        await scheduler.StopAsync(CancellationToken.None);

        var tick = TestFunctions.Ticks.Last();
        Assert.False(tick.IsPastDue);
        Assert.True(tick.ScheduleStatus!.Next > tick.ScheduleStatus.LastUpdated);
        Assert.NotEqual(default, tick.ScheduleStatus.Last);
    }
}
