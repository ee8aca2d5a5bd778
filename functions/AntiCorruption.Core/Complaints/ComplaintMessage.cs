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

    /// <summary>The associated-data contexts the sealed fields are bound to.</summary>
    public static string DetailsContext(string complaintId) => $"complaint/{complaintId}/details";

    public static string ReporterContext(string complaintId) => $"complaint/{complaintId}/reporter";
}
