using AntiCorruption.Core.Attachments;

namespace AntiCorruption.Core.Retention;

/// <summary>
/// The kinds of record the retention schedule (<c>seeds/retention.json</c>) speaks of, as the
/// code knows them: where each is stored, which fields its period ends, what happens then and
/// which part of the app does it. The schedule must name exactly these kinds with exactly these
/// facts; what it decides is each period and the reason for it. So the file people read and edit
/// cannot say that something is erased that is not, or the other way round.
/// </summary>
public static class RetentionKinds
{
    public const string ReporterIdentity = "reporter-identity";
    public const string Evidence = "evidence";
    public const string Messages = "messages";
    public const string CaseRecord = "case-record";
    public const string RegistrationContacts = "registration-contacts";
    public const string AttendeeNames = "attendee-names";
    public const string PoisonMessages = "poison-messages";
    public const string AuditRecords = "audit-records";
    public const string IdempotencyAnswers = "idempotency-answers";
    public const string LineConversations = "line-conversations";
    public const string LineEventMarkers = "line-event-markers";
    public const string RateLimitCounters = "rate-limit-counters";
    public const string UnclaimedUploads = "unclaimed-uploads";
    public const string SentNotices = "sent-notices";
    public const string StaffAddresses = "staff-addresses";

    /// <summary>The fields emptied in place; the record stays (a case, a registration).</summary>
    public const string Erase = "erase";

    /// <summary>The record goes as a whole.</summary>
    public const string Delete = "delete";

    /// <summary>The app deletes nothing: the record is held (audit) or reviewed by people (the case file).</summary>
    public const string Keep = "keep";

    public const string ByDailyRun = "ApplyRetention (daily)";

    /// <summary>
    /// The Functions host adds a message to a poison queue with Azure Storage's default time to
    /// live, which cannot be configured (Azure/azure-webjobs-sdk-extensions#891): storage removes
    /// it after seven days whatever the schedule says, so the schedule may not promise longer.
    /// </summary>
    public static readonly TimeSpan PoisonTimeToLive = TimeSpan.FromDays(7);

    public static IReadOnlyList<RetentionKind> All { get; } =
    [
        new(ReporterIdentity, "table complaints, property Reporter (sealed)",
            ["reporter.name", "reporter.phone", "reporter.email", "reporter.lineUserId"], Erase, "case-closed", ByDailyRun, TimeSpan.FromDays(30)),
        new(Evidence, "container attachments (sealed files) and table attachments (type, size, hash, sealed file key)",
            ["file", "contentType", "size", "sha256", "sealedKey"], Delete, "case-closed", ByDailyRun, TimeSpan.FromDays(30)),
        new(Messages, "table complaintmessages (text sealed)",
            ["from", "at", "text"], Delete, "case-closed", ByDailyRun, TimeSpan.FromDays(30)),
        new(CaseRecord, "tables complaints (details sealed), complainthistory, complaintnotes, complaintlinks, complaintcodes",
            ["details.subject", "details.description", "details.accusedName", "details.accusedPosition", "details.location", "history", "notes", "links"],
            Keep, "case-closed", "the records committee (Regulation on Official Documents): the app erases none of it", TimeSpan.FromDays(3650)),
        new(RegistrationContacts, "table registrations: property Attendee (sealed) and the duplicate guards (g- rows); the registrant index (who- rows of table registrationcodes); all keyed hashes",
            ["attendee.phone", "attendee.email", "attendee.nationalId", "guards", "registrantIndex"], Erase, "workshop-ended", ByDailyRun, TimeSpan.FromDays(7)),
        new(AttendeeNames, "table registrations: property Attendee (sealed)",
            ["attendee.fullName", "attendee.position", "attendee.agency"], Erase, "fiscal-year-ended", ByDailyRun, TimeSpan.FromDays(31)),
        new(PoisonMessages, "queues <queue>-poison (personal fields sealed)",
            ["message"], Delete, "moved-to-poison", ByDailyRun, TimeSpan.FromDays(1), PoisonTimeToLive),
        new(AuditRecords, "container audit-trail (append blobs, hash chain, time-based immutability)",
            ["at", "actor", "actorName", "action", "region", "complaintId", "target", "detail"], Keep, "written",
            "the immutability policy of container audit-trail; nothing in the app deletes a record", TimeSpan.FromDays(3650)),
        new(IdempotencyAnswers, "table idempotency (the first answer, with a sealed tracking code)",
            ["answer"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromHours(1)),
        new(LineConversations, "table lineconversations (keyed by a keyed hash of the LINE user id, state sealed)",
            ["conversation"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromHours(1)),
        new(LineEventMarkers, "table lineevents (keyed by the LINE event id; the bot's answer sealed)",
            ["marker", "answer"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromDays(1)),
        new(RateLimitCounters, "table ratelimits (keyed by a keyed hash of the client address)",
            ["counts"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromDays(1)),
        new(SentNotices, "table sentnotices (per notice, a keyed hash of each address told)",
            ["noticeId", "recipient", "firstSentAt", "sentAt"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromDays(7)),
        new(StaffAddresses, "table staffdirectory (an officer's sign-in address, sealed)",
            ["address"], Delete, "last-written", "PurgeExpiredRecords (hourly)", TimeSpan.FromDays(30)),
        new(UnclaimedUploads, "container attachments and table attachments: files no complaint named",
            ["file", "contentType", "size", "sha256", "sealedKey"], Delete, "uploaded", "PurgeUnclaimedAttachments (hourly)",
            AttachmentLimits.Unclaimed, AttachmentLimits.Unclaimed),
    ];

    public static RetentionKind? Find(string id) => All.FirstOrDefault(k => k.Id == id);
}

/// <summary>
/// One kind of record as the code handles it. <see cref="Shortest"/> and <see cref="Longest"/>
/// bound the period the schedule may give it: what correctness or the law needs (a retry window,
/// LINE's redeliveries, ten years for official files), and what storage does anyway.
/// </summary>
public sealed record RetentionKind(
    string Id,
    string Record,
    IReadOnlyList<string> Fields,
    string Action,
    string After,
    string AppliedBy,
    TimeSpan Shortest,
    TimeSpan? Longest = null);
