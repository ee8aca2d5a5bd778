namespace AntiCorruption.Core.Complaints;

/// <summary>A complaint as the reporter sent it, after validation.</summary>
public sealed record ComplaintSubmission(
    string Category,
    string Province,
    string Agency,
    CaseDetails Details,
    DateOnly? IncidentDate,
    decimal? AmountThb,
    bool Anonymous,
    ReporterDetails? Reporter,
    bool Consent,
    IReadOnlyList<string> AttachmentIds);

/// <summary>
/// The free-text part of a complaint. It names people and places and may reveal the reporter,
/// so it travels and rests sealed, like the reporter's own details.
/// </summary>
public sealed record CaseDetails(
    string? Subject,
    string Description,
    string? AccusedName,
    string? AccusedPosition,
    GeoPoint? Location);

/// <summary>Who the reporter is, when they choose to say. Phone is kept in national form (0XXXXXXXXX).</summary>
/// <summary>
/// The reporter who gave their name, sealed in the case. <see cref="NotifyByEmail"/>: they asked to
/// be mailed (at <see cref="Email"/>) when there is news on the case; older cases have false.
/// </summary>
public sealed record ReporterDetails(string Name, string? Phone, string? Email, string? LineUserId, bool NotifyByEmail = false);

public sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>Where a complaint came in.</summary>
public enum ComplaintChannel
{
    Web,
    Line,
}

/// <summary>A complaint's life: received (queued) -> registered (stored) -> under review -> referred, closed or dismissed.</summary>
public enum ComplaintStatus
{
    Received,
    Registered,
    UnderReview,
    Referred,
    Closed,
    Dismissed,
}
