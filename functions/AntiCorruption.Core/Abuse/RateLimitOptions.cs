namespace AntiCorruption.Core.Abuse;

/// <summary>Limits (<c>RateLimit__ComplaintsPerHour</c>, <c>RateLimit__LookupsPerHour</c>, <c>RateLimit__RefusedStaffCallsPerMinute</c>); 0 turns one off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>
    /// Complaints a client may have accepted in an hour (GlobaLeaks allows 10). Only accepted ones
    /// count: a retry of an answered request is answered again, and refused ones (form errors)
    /// count against a bound ten times higher.
    /// </summary>
    public int ComplaintsPerHour { get; set; } = 10;

    /// <summary>Tracking-code lookups a client may make in an hour: what makes guessing codes hopeless.</summary>
    public int LookupsPerHour { get; set; } = 30;

    /// <summary>
    /// Refused staff calls (401/403) one instance writes to the audit trail in a minute; the rest
    /// are counted into the next record. Anyone can send such calls, so the trail is bounded.
    /// </summary>
    public int RefusedStaffCallsPerMinute { get; set; } = 60;
}

public enum RateLimitedAction
{
    /// <summary>A complaint accepted.</summary>
    Complaint,

    /// <summary>A complaint refused as invalid: bounded separately, so that correcting a form costs nothing.</summary>
    RefusedComplaint,

    Lookup,
    Upload,
}
