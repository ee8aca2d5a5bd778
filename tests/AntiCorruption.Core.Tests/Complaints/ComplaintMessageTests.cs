using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Validation;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Complaints;

public class ComplaintMessageTests
{
    private const int QueueMessageLimit = 64 * 1024;
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 1, 2, 3, TimeSpan.Zero);
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Serialize_ComplaintAtEveryLimit_FitsOneQueueMessageAfterBase64()
    {
        var pii = new PiiProtector(TestKeys.Pii());
        var id = ComplaintIds.New(ReceivedAt);
        // Thai characters take three bytes in UTF-8: the worst case for a character count.
        string Thai(int n) => new('ฎ', n);
        var details = new CaseDetails(Thai(ComplaintLimits.ShortText), Thai(ComplaintLimits.DescriptionMax), Thai(ComplaintLimits.ShortText), Thai(ComplaintLimits.ShortText), new GeoPoint(-89.123456789, -179.123456789));
        var reporter = new ReporterDetails(Thai(ComplaintLimits.ShortText), "0812345678", new string('a', 64) + "@" + new string('b', 180) + ".com", "U" + new string('f', 32));
        var message = new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, new string('a', 64), ReceivedAt, ComplaintChannel.Line,
            "conflict_of_interest", "TH-10", 0, Thai(ComplaintLimits.Agency), new DateOnly(2026, 1, 1), 999_999_999_999.99m,
            false, true, Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString("N")).ToArray(),
            pii.SealJson(details, ComplaintMessage.DetailsContext(id)), pii.SealJson(reporter, ComplaintMessage.ReporterContext(id)))
        {
            TraceParent = TraceParent,
        };

        var onTheWire = Convert.ToBase64String(Encoding.UTF8.GetBytes(ComplaintQueueWriter.Serialize(message)));

        Assert.True(onTheWire.Length <= QueueMessageLimit, $"{onTheWire.Length} bytes");
    }

    /// <summary>
    /// The largest description the validator lets through in emoji: 7,500 of them fill its size
    /// bound (three bytes per character of the limit), and must fit as the Thai limit does.
    /// </summary>
    [Fact]
    public void Serialize_EmojiDescriptionAtTheSizeBound_FitsOneQueueMessageAfterBase64()
    {
        var pii = new PiiProtector(TestKeys.Pii());
        var id = ComplaintIds.New(ReceivedAt);
        var emoji = string.Concat(Enumerable.Repeat("😀", ComplaintLimits.DescriptionMax * VisibleText.BytesPerCharacter / 4));
        var details = new CaseDetails(null, emoji, null, null, null);
        var message = new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, new string('a', 64), ReceivedAt, ComplaintChannel.Web,
            "bribery", "TH-80", 8, "อบต. ท่าศาลา", null, null, true, false, [], pii.SealJson(details, ComplaintMessage.DetailsContext(id)), null);

        var onTheWire = Convert.ToBase64String(Encoding.UTF8.GetBytes(ComplaintQueueWriter.Serialize(message)));

        Assert.True(onTheWire.Length <= QueueMessageLimit, $"{onTheWire.Length} bytes");
        Assert.Equal(emoji, pii.OpenJson<CaseDetails>(message.Details, ComplaintMessage.DetailsContext(id)).Description);
    }

    [Fact]
    public void Serialize_ThenDeserialize_RoundTrips()
    {
        var id = ComplaintIds.New(ReceivedAt);
        var message = new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, new string('c', 64), new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero), ComplaintChannel.Web,
            "bribery", "TH-80", 8, "อบต. ท่าศาลา", null, 12.5m, true, false, [], [1, 2, 3], null);

        var text = ComplaintQueueWriter.Serialize(message);
        var back = ComplaintQueueWriter.Deserialize(text);

        Assert.Equal(message.ComplaintId, back.ComplaintId);
        Assert.Equal(message.ReceivedAt, back.ReceivedAt);
        Assert.Equal(message.Details, back.Details);
        Assert.Contains("\"channel\":\"web\"", text, StringComparison.Ordinal);
        Assert.Contains("อบต. ท่าศาลา", text, StringComparison.Ordinal);
    }

    /// <summary>The trace context rides in the body as "traceparent"; a message from before it had one still reads.</summary>
    [Fact]
    public void Deserialize_WithAndWithoutTraceParent_BothRead()
    {
        var id = ComplaintIds.New(ReceivedAt);
        var message = new ComplaintMessage(
            ComplaintMessage.CurrentVersion, id, new string('c', 64), ReceivedAt, ComplaintChannel.Web,
            "bribery", "TH-80", 8, "อบต. ท่าศาลา", null, null, true, false, [], [1, 2, 3], null);

        var withTrace = ComplaintQueueWriter.Serialize(message with { TraceParent = TraceParent });
        var without = ComplaintQueueWriter.Serialize(message);

        Assert.Contains($"\"traceparent\":\"{TraceParent}\"", withTrace, StringComparison.Ordinal);
        Assert.Equal(TraceParent, ComplaintQueueWriter.Deserialize(withTrace).TraceParent);
        Assert.DoesNotContain("traceparent", without, StringComparison.Ordinal);
        Assert.Null(ComplaintQueueWriter.Deserialize(without).TraceParent);
        Assert.Equal(id, ComplaintQueueWriter.Deserialize(without).ComplaintId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"version\":2,\"complaintId\":\"01M8C4FBKCA0V8FTDZHH6R0W7N\"}")]
    public void Deserialize_NotACompleteMessage_Throws(string text)
    {
        Assert.ThrowsAny<JsonException>(() => ComplaintQueueWriter.Deserialize(text));
    }

    [Fact]
    public void ComplaintIds_AreTimeOrderedAndPartitionedByFiscalYear()
    {
        var earlier = ComplaintIds.New(new DateTimeOffset(2026, 9, 30, 16, 59, 0, TimeSpan.Zero));
        var later = ComplaintIds.New(new DateTimeOffset(2026, 9, 30, 17, 1, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(ComplaintIds.IsValid(earlier));
        Assert.StartsWith("2569-", ComplaintEntity.PartitionOf(earlier, new DateTimeOffset(2026, 9, 30, 16, 59, 0, TimeSpan.Zero)), StringComparison.Ordinal);
        Assert.StartsWith("2570-", ComplaintEntity.PartitionOf(later, new DateTimeOffset(2026, 9, 30, 17, 1, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionOf_ManyComplaints_SpreadOverThirtyTwoPartitions()
    {
        var at = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var counts = Enumerable.Range(0, 32_000).Select(_ => ComplaintEntity.PartitionOf(ComplaintIds.New(at), at)).GroupBy(p => p).Select(g => g.Count()).ToArray();

        Assert.Equal(32, counts.Length);
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }
}
