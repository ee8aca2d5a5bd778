using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;

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
}
