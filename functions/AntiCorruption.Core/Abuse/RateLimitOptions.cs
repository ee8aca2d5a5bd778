namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Limits per client (<c>RateLimit__ComplaintsPerHour</c>, <c>__LookupsPerHour</c>,
/// <c>__RegistrationsPerHour</c>, <c>__ReadsPerHour</c>, <c>__LineMessagesPerHour</c>,
/// <c>__RefusedWebhookCallsPerHour</c>) and per
/// instance (<c>__RefusedStaffCallsPerMinute</c>); 0 turns one off.
/// </summary>
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
    /// Registration attempts a client may make in an hour, whatever their answer: a duplicate's
    /// 409 says someone is registered, so answers are what is bounded. Room for a provincial
    /// hall of civil servants registering from behind one address.
    /// </summary>
    public int RegistrationsPerHour { get; set; } = 30;

    /// <summary>Reads of the public pages, workshops, the OpenAPI document and health a client may make in an hour.</summary>
    public int ReadsPerHour { get; set; } = 1200;

    /// <summary>Messages one LINE user may send the bot in an hour; past it the bot answers only that they are too many.</summary>
    public int LineMessagesPerHour { get; set; } = 120;

    /// <summary>LINE deliveries a client may have refused for their signature in an hour: only LINE can sign, so LINE never needs many.</summary>
    public int RefusedWebhookCallsPerHour { get; set; } = 60;

    /// <summary>
    /// How long a decision may wait for the shared counters. Past it (storage slow or down) the
    /// instance decides on its own counters, so that a limit never makes a public route slow or fail.
    /// </summary>
    public TimeSpan SharedCounterTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

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

    /// <summary>A tracking or confirmation code looked up (status, messages, registration lookup, cancel, QR).</summary>
    Lookup,

    Upload,
    Registration,

    /// <summary>A read of a public page or document.</summary>
    Read,

    /// <summary>A LINE delivery refused for its signature: only LINE can sign, so these are bounded tightly.</summary>
    RefusedWebhook,

    /// <summary>A message (or postback) from one LINE user.</summary>
    LineMessage,
}
