namespace AntiCorruption.Core.Storage;

/// <summary>Every table, queue and container the app uses; infra creates the same names.</summary>
public static class StorageNames
{
    public const string ComplaintsTable = "complaints";
    public const string TrackingCodesTable = "complaintcodes";
    public const string IdempotencyTable = "idempotency";
    public const string AttachmentsTable = "attachments";
    public const string MessagesTable = "complaintmessages";
    /// <summary>Where audit records were kept before the trail; emptied into it at startup (LegacyAuditImport).</summary>
    public const string AuditTable = "audit";
    public const string WorkshopsTable = "workshops";
    public const string RegistrationsTable = "registrations";
    public const string RegistrationCodesTable = "registrationcodes";
    public const string LineConversationsTable = "lineconversations";
    public const string LineEventsTable = "lineevents";
    public const string HotspotsTable = "hotspots";
    public const string ComplaintHistoryTable = "complainthistory";
    public const string NotesTable = "complaintnotes";
    public const string LinksTable = "complaintlinks";
    /// <summary>Per-client request counters every instance shares (ClientRateLimits), deleted after a day.</summary>
    public const string RateLimitsTable = "ratelimits";
    /// <summary>How far the daily retention run has got with each kind (Retention/RetentionProgress): no personal data.</summary>
    public const string RetentionTable = "retention";

    /// <summary>One row per notice and recipient sent (<c>Notifications.SentNotices</c>), so a redelivered notice is not sent twice.</summary>
    public const string SentNoticesTable = "sentnotices";

    /// <summary>Staff members' sign-in addresses, sealed, for mail to an assignee (<c>Notifications.StaffDirectory</c>).</summary>
    public const string StaffDirectoryTable = "staffdirectory";

    public const string ComplaintsQueue = "complaints";
    public const string RegistrationsQueue = "registrations";
    public const string LineEventsQueue = "line-events";
    public const string SummaryCompilesQueue = "summary-compiles";
    public const string EventOutboxQueue = "event-outbox";
    public const string IntegrationEventsQueue = "integration-events";
    /// <summary>Operators' requests to move a queue's poison messages back (Operations/PoisonReplay).</summary>
    public const string PoisonReplaysQueue = "poison-replays";

    public const string NotificationsQueue = "notifications";

    public const string SummariesContainer = "summaries";
    public const string AttachmentsContainer = "attachments";

    /// <summary>The hash-chained audit trail, append blobs only (immutable in Azure).</summary>
    public const string AuditContainer = "audit-trail";

    public static IReadOnlyList<string> Tables { get; } = [ComplaintsTable, TrackingCodesTable, IdempotencyTable, AttachmentsTable, MessagesTable, AuditTable, WorkshopsTable, RegistrationsTable, RegistrationCodesTable, LineConversationsTable, LineEventsTable, HotspotsTable, ComplaintHistoryTable, NotesTable, LinksTable, RateLimitsTable, RetentionTable, SentNoticesTable, StaffDirectoryTable];

    /// <summary>Queues, each with the <c>-poison</c> queue the Functions host moves failures to.</summary>
    public static IReadOnlyList<string> Queues { get; } = [ComplaintsQueue, PoisonQueueOf(ComplaintsQueue), RegistrationsQueue, PoisonQueueOf(RegistrationsQueue), LineEventsQueue, PoisonQueueOf(LineEventsQueue), SummaryCompilesQueue, PoisonQueueOf(SummaryCompilesQueue), EventOutboxQueue, PoisonQueueOf(EventOutboxQueue), IntegrationEventsQueue, PoisonReplaysQueue, PoisonQueueOf(PoisonReplaysQueue), NotificationsQueue, PoisonQueueOf(NotificationsQueue)];

    public static IReadOnlyList<string> Containers { get; } = [SummariesContainer, AttachmentsContainer, AuditContainer];

    public static string PoisonQueueOf(string queue) => queue + "-poison";
}
