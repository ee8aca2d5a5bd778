using System.Text.Json;
using Azure.Messaging.ServiceBus;
using AntiCorruption.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace AntiCorruption.Functions.Tests.Events;

public class ServiceBusEventPublisherTests
{
    private static IntegrationEvent Event(int i) => IntegrationEvent.Create(
        EventTypes.ComplaintRegistered, $"complaint-{i}", $"complaint-{i}", new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero),
        new Dictionary<string, object?> { ["reference"] = $"complaint-{i}", ["region"] = 8 });

    /// <summary>A sender whose batches hold <paramref name="perBatch"/> messages; what was sent is recorded.</summary>
    private static (Mock<ServiceBusSender> Sender, List<List<ServiceBusMessage>> Sent) Sender(int perBatch, int transientFailures = 0)
    {
        var sender = new Mock<ServiceBusSender>();
        var sent = new List<List<ServiceBusMessage>>();
        var batches = new Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>>();
        sender.Setup(s => s.CreateMessageBatchAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            var store = new List<ServiceBusMessage>();
            var batch = ServiceBusModelFactory.ServiceBusMessageBatch(256 * 1024, store, new CreateMessageBatchOptions(), _ => store.Count < perBatch);
            batches[batch] = store;
            return batch;
        });
        var failures = transientFailures;
        sender.Setup(s => s.SendMessagesAsync(It.IsAny<ServiceBusMessageBatch>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusMessageBatch batch, CancellationToken _) =>
            {
                if (failures-- > 0)
                {
                    throw new ServiceBusException(isTransient: true, "busy", reason: ServiceBusFailureReason.ServiceBusy);
                }

                sent.Add([.. batches[batch]]);
                return Task.CompletedTask;
            });
        return (sender, sent);
    }

    [Fact]
    public async Task Publish_SetsTheMessagePropertiesSubscribersRelyOn()
    {
        var (sender, sent) = Sender(perBatch: 10);
        var integrationEvent = Event(1);

        await new ServiceBusEventPublisher(sender.Object, NullLogger<ServiceBusEventPublisher>.Instance).PublishAsync([integrationEvent], CancellationToken.None);

        var message = Assert.Single(Assert.Single(sent));
        Assert.Equal(integrationEvent.EventId, message.MessageId);
        Assert.Equal("ComplaintRegistered", message.Subject);
        Assert.Equal("complaint-1", message.CorrelationId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(IntegrationEvent.CurrentSchemaVersion, message.ApplicationProperties["schemaVersion"]);
        var body = JsonDocument.Parse(message.Body.ToString()).RootElement;
        Assert.Equal(IntegrationEvent.CurrentSchemaVersion, body.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(8, body.GetProperty("data").GetProperty("region").GetInt32());
    }

    [Fact]
    public async Task Publish_MoreThanABatchHolds_SendsSeveralBatchesInOrder()
    {
        var (sender, sent) = Sender(perBatch: 2);

        await new ServiceBusEventPublisher(sender.Object, NullLogger<ServiceBusEventPublisher>.Instance).PublishAsync([.. Enumerable.Range(0, 5).Select(Event)], CancellationToken.None);

        Assert.Equal([2, 2, 1], sent.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Event(i).EventId), sent.SelectMany(b => b).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Publish_BrokerBrieflyBusy_RetriesAndSendsOnce()
    {
        var (sender, sent) = Sender(perBatch: 10, transientFailures: 2);

        await new ServiceBusEventPublisher(sender.Object, NullLogger<ServiceBusEventPublisher>.Instance).PublishAsync([Event(1)], CancellationToken.None);

        Assert.Single(sent);
        sender.Verify(s => s.SendMessagesAsync(It.IsAny<ServiceBusMessageBatch>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task Publish_BrokerDown_ThrowsSoTheQueueMessageComesBack()
    {
        var (sender, sent) = Sender(perBatch: 10, transientFailures: 10);

        await Assert.ThrowsAsync<ServiceBusException>(() => new ServiceBusEventPublisher(sender.Object, NullLogger<ServiceBusEventPublisher>.Instance).PublishAsync([Event(1)], CancellationToken.None));

        Assert.Empty(sent);
    }

    [Fact]
    public void EventIds_AreTheSameForTheSameFact()
    {
        Assert.Equal(Event(7).EventId, Event(7).EventId);
        Assert.NotEqual(Event(7).EventId, Event(8).EventId);
    }
}
