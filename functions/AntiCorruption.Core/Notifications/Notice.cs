using System.Security.Cryptography;
using System.Text;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// That something happened someone should be told of, as the <c>notifications</c> queue carries
/// it: what kind, and the ids of the record it is about; never a name, contact, code or case
/// text. Whoever takes it (<c>NotificationDispatcher</c>) reads the records and decides who
/// is told and how. <see cref="Id"/> is made from the fact itself, so the same fact queued twice
/// (a redelivered step, a retried request) is sent once: every send is recorded under it.
/// </summary>
public sealed record Notice(
    int Version,
    string Id,
    string Kind,
    string? ComplaintId = null,
    string? WorkshopId = null,
    string? Registration = null,
    int? Region = null)
{
    public const int CurrentVersion = 1;

    /// <summary>A notice whose id is the hash of its kind and the fact's natural key.</summary>
    public static Notice Of(string kind, string naturalKey, string? complaintId = null, string? workshopId = null, string? registration = null, int? region = null) =>
        new(CurrentVersion, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{naturalKey}")))[..32], kind, complaintId, workshopId, registration, region);
}

/// <summary>The kinds of <see cref="Notice"/>.</summary>
public static class NoticeKinds
{
    /// <summary>Staff wrote to the reporter, or changed the status with a public note: the reporter is told there is news, never what.</summary>
    public const string CaseNews = "case.news";

    /// <summary>A new case was stored: the officers of its region are told.</summary>
    public const string CaseNew = "case.new";

    /// <summary>An identified reporter asked for news by email: the address is mailed a code to confirm it with (no notice of this kind is queued; it is the new case's).</summary>
    public const string ReporterEmailConfirmation = "reporter.email-confirmation";

    /// <summary>The reporter wrote on a case: its assignee is told.</summary>
    public const string CaseAnswer = "case.answer";

    /// <summary>Each morning, a region's overdue cases, counted, to its officers' addresses.</summary>
    public const string OverdueDigest = "overdue.digest";

    /// <summary>A registration was decided (confirmed or waitlisted): the registrant gets the code and the QR.</summary>
    public const string RegistrationDecided = "registration.decided";

    /// <summary>A registration moved from the waitlist to a seat.</summary>
    public const string RegistrationPromoted = "registration.promoted";

    /// <summary>The registrant asked for their code again (and a stored contact matched).</summary>
    public const string RegistrationCode = "registration.code";

    /// <summary>A workshop's time or venue changed: everyone holding a seat or a waitlist place is told.</summary>
    public const string WorkshopChanged = "workshop.changed";

    /// <summary>The day before a workshop: everyone holding a seat is reminded.</summary>
    public const string WorkshopReminder = "workshop.reminder";
}
