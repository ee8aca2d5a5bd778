using System.Text.Json.Serialization;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// What intake puts on the <c>complaints</c> queue: everything the processor needs to store the
/// complaint, keyed by the id made at intake so redelivery stores it once. Personal and free-text
/// fields are already sealed; the tracking code itself is not here, only its keyed hash.
/// </summary>
public sealed record ComplaintMessage(
    int Version,
    string ComplaintId,
    string TrackingHash,
    DateTimeOffset ReceivedAt,
    ComplaintChannel Channel,
    string Category,
    string Province,
    int Region,
    string Agency,
    DateOnly? IncidentDate,
    decimal? AmountThb,
    bool Anonymous,
    bool Consent,
    IReadOnlyList<string> AttachmentIds,
    byte[] Details,
    byte[]? Reporter)
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// The W3C traceparent of the span that queued the message (<see cref="Telemetry.QueueTrace"/>),
    /// so processing joins the intake's trace. Optional within version 1: messages queued before it
    /// existed have none and process as before, and a processor that does not know it skips it.
    /// It names a span, nothing about the complaint.
    /// </summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>
    /// The reporter's LINE user id, sealed (<see cref="NotifyLineContext"/>), when they asked in the
    /// LINE chat to be told when there is news on the case; null otherwise, and then nothing in the
    /// message or the case names their LINE account. Optional within version 1, like
    /// <see cref="TraceParent"/>: a message without it stores a case without it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? NotifyLine { get; init; }

    /// <summary>The associated-data contexts the sealed fields are bound to.</summary>
    public static string DetailsContext(string complaintId) => $"complaint/{complaintId}/details";

    public static string ReporterContext(string complaintId) => $"complaint/{complaintId}/reporter";

    public static string NotifyLineContext(string complaintId) => $"complaint/{complaintId}/notify-line";
}
