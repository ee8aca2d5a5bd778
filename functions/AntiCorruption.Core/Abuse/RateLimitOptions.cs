namespace AntiCorruption.Core.Abuse;

/// <summary>Per-client limits (<c>RateLimit__ComplaintsPerHour</c>, <c>RateLimit__LookupsPerHour</c>); 0 turns one off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Complaint submissions a client may make in an hour (GlobaLeaks allows 10).</summary>
    public int ComplaintsPerHour { get; set; } = 10;

    /// <summary>Tracking-code lookups a client may make in an hour: what makes guessing codes hopeless.</summary>
    public int LookupsPerHour { get; set; } = 30;
}

public enum RateLimitedAction
{
    Complaint,
    Lookup,
    Upload,
}
