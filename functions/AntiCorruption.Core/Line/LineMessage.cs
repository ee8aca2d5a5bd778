namespace AntiCorruption.Core.Line;

/// <summary>An outgoing text message in the Messaging API's shape, with optional quick replies.</summary>
public sealed record LineMessage(string Type, string Text, LineQuickReply? QuickReply = null)
{
    public const int MaxLabel = 20;

    public static LineMessage Say(string text, params LineQuickReplyItem[] quickReplies) =>
        new("text", text.Length > 5000 ? text[..4999] + "…" : text, quickReplies.Length == 0 ? null : new LineQuickReply(quickReplies.Take(13).ToArray()));
}

public sealed record LineQuickReply(IReadOnlyList<LineQuickReplyItem> Items);

public sealed record LineQuickReplyItem(string Type, LineAction Action)
{
    /// <summary>A button that sends <paramref name="label"/> (or <paramref name="text"/>) as the user's message.</summary>
    public static LineQuickReplyItem Message(string label, string? text = null) => new("action", new LineAction("message", Label(label), text ?? label, null, null));

    /// <summary>A button that sends <paramref name="data"/> back as a postback, showing <paramref name="label"/> in the chat.</summary>
    public static LineQuickReplyItem Postback(string label, string data) => new("action", new LineAction("postback", Label(label), null, data, label));

    /// <summary>A button that opens LINE's location picker.</summary>
    public static LineQuickReplyItem Location(string label) => new("action", new LineAction("location", Label(label), null, null, null));

    /// <summary>LINE refuses labels over 20 characters.</summary>
    private static string Label(string label) => label.Length <= LineMessage.MaxLabel ? label : label[..(LineMessage.MaxLabel - 1)] + "…";
}

public sealed record LineAction(string Type, string Label, string? Text, string? Data, string? DisplayText);
