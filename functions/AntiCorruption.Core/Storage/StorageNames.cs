namespace AntiCorruption.Core.Storage;

/// <summary>Every table, queue and container the app uses; infra creates the same names.</summary>
public static class StorageNames
{
    public const string ComplaintsTable = "complaints";
    public const string TrackingCodesTable = "complaintcodes";
    public const string IdempotencyTable = "idempotency";

    public const string ComplaintsQueue = "complaints";

    public const string SummariesContainer = "summaries";

    public static IReadOnlyList<string> Tables { get; } = [ComplaintsTable, TrackingCodesTable, IdempotencyTable];

    /// <summary>Queues, each with the <c>-poison</c> queue the Functions host moves failures to.</summary>
    public static IReadOnlyList<string> Queues { get; } = [ComplaintsQueue, PoisonQueueOf(ComplaintsQueue)];

    public static IReadOnlyList<string> Containers { get; } = [SummariesContainer];

    public static string PoisonQueueOf(string queue) => queue + "-poison";
}
