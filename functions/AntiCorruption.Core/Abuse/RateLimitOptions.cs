namespace AntiCorruption.Core.Abuse;

/// <summary>Per-client limits (<c>RateLimit__ComplaintsPerHour</c>, <c>RateLimit__LookupsPerHour</c>); 0 turns one off.</summary>
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
