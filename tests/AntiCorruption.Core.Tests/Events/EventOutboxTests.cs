using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;
using Moq;

namespace AntiCorruption.Core.Tests.Events;

public class EventOutboxTests
{
    private static IntegrationEvent Event(int i) => IntegrationEvent.Create(
        EventTypes.RegistrationConfirmed, "w1", $"w1|r-{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), new Dictionary<string, object?> { ["registrationId"] = $"{i:D16}", ["province"] = "TH-80" });

    [Fact]
    public void Pack_ManyEvents_SplitsUnderTheQueueLimitAndKeepsEveryEventInOrder()
    {
        var events = Enumerable.Range(0, 1000).Select(Event).ToArray();

        var messages = EventOutbox.Pack(events).ToArray();

        Assert.True(messages.Length > 1);
        Assert.All(messages, m => Assert.True(Encoding.UTF8.GetByteCount(m) <= EventOutbox.MaxMessageBytes));
        Assert.Equal(events.Select(e => e.EventId), messages.SelectMany(EventOutbox.ReadAll).Select(e => e.EventId));
    }

    [Fact]
    public void ReadAll_OneEventMessage_IsThatEvent()
    {
        var message = JsonSerializer.Serialize(Event(7), JsonDefaults.Options);

        Assert.Equal([Event(7).EventId], EventOutbox.ReadAll(message).Select(e => e.EventId));
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[1]")]
    [InlineData("null")]
    public void ReadAll_NotEvents_Throws(string message) =>
        Assert.ThrowsAny<JsonException>(() => EventOutbox.ReadAll(message));

    /// <summary>
    /// A complaint event added at 09:17 Bangkok time stays invisible in the outbox until the day is
    /// over: no forwarder can send it before, so no broker can stamp it with the complaint's time.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddComplaintEvent_HeldOrNot_IsHiddenUntilTheNextBangkokDayOrSentNow(bool hold)
    {
        var now = new DateTimeOffset(2026, 11, 30, 2, 17, 29, TimeSpan.Zero);
        var queue = new Mock<QueueClient>();
        TimeSpan? hidden = TimeSpan.MaxValue;
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, TimeSpan? visibility, TimeSpan? _, CancellationToken _) => hidden = visibility)
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("id", now, now.AddDays(7), "pop", now), Mock.Of<Response>()));
        var queues = new Mock<QueueServiceClient>();
        queues.Setup(q => q.GetQueueClient(StorageNames.EventOutboxQueue)).Returns(queue.Object);
        var outbox = new EventOutbox(
            new StorageAccount(Mock.Of<TableServiceClient>(), queues.Object, Mock.Of<BlobServiceClient>()),
            Options.Create(new EventOptions { HoldComplaintEvents = hold }),
            new FixedTime(now));

        await outbox.AddComplaintEventAsync(Event(1), CancellationToken.None);

        if (hold)
        {
            var midnight = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));
            Assert.InRange(now + hidden!.Value, midnight, midnight + ComplaintEventRelease.Spread);
        }
        else
        {
            Assert.Null(hidden);
        }
    }

    [Fact]
    public void EventOptions_ByDefault_HoldComplaintEvents() =>
        Assert.True(new EventOptions().HoldComplaintEvents);
}
