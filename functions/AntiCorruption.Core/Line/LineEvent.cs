using System.Text.Json;

namespace AntiCorruption.Core.Line;

/// <summary>The parts of a LINE webhook event the bot uses.</summary>
public sealed record LineEvent(
    string Type,
    string Mode,
    string WebhookEventId,
    DateTimeOffset Timestamp,
    string? ReplyToken,
    string? UserId,
    LineIncomingMessage? Message,
    string? PostbackData)
{
    /// <summary>The events of a body, each as its own JSON text (for queueing one by one).</summary>
    public static IReadOnlyList<string> SplitRaw(ReadOnlyMemory<byte> raw)
    {
        var body = Json.ByteOrderMark.Skip(raw).Span;
        // The reader checks UTF-8 only when it makes a string, which would be too late here.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw new JsonException("The body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array
            ? events.EnumerateArray().Select(e => e.GetRawText()).ToArray()
            : [];
    }

    public static LineEvent? Parse(JsonElement e)
    {
        string? Text(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var type = Text(e, "type");
        var id = Text(e, "webhookEventId");
        if (type is null || id is null)
        {
            return null;
        }

        var source = e.TryGetProperty("source", out var s) ? s : default;
        LineIncomingMessage? message = null;
        if (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            double? Number(string name) => m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            message = new LineIncomingMessage(Text(m, "type") ?? "", Text(m, "id") ?? "", Text(m, "text"), Number("latitude"), Number("longitude"), Text(m, "address"));
        }

        var timestamp = e.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
        var postback = e.TryGetProperty("postback", out var p) ? Text(p, "data") : null;
        return new LineEvent(type, Text(e, "mode") ?? "active", id, timestamp, Text(e, "replyToken"), Text(source, "userId"), message, postback);
    }
}

/// <summary>An incoming message: text, image (content fetched by id) or location.</summary>
public sealed record LineIncomingMessage(string Type, string Id, string? Text, double? Latitude, double? Longitude, string? Address);
