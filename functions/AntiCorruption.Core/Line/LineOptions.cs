namespace AntiCorruption.Core.Line;

/// <summary>The LINE Official Account's settings (<c>Line__ChannelSecret</c>, ...).</summary>
public sealed class LineOptions
{
    public const string Section = "Line";

    /// <summary>Signs webhook bodies (x-line-signature).</summary>
    public string ChannelSecret { get; set; } = "";

    /// <summary>Bearer token for replies, pushes and content downloads.</summary>
    public string ChannelAccessToken { get; set; } = "";

    public string ApiBaseUrl { get; set; } = "https://api.line.me";

    public string DataApiBaseUrl { get; set; } = "https://api-data.line.me";
}
