using System.Security.Cryptography;
using System.Text;

namespace AntiCorruption.Core.Events;

/// <summary>
/// An event other systems may hear about: never personal data, only ids, codes and counts, and
/// of a complaint neither its id nor a time finer than its day (see <see cref="ComplaintEventRelease"/>).
/// The id is derived from what happened, so the same fact published twice carries the same id
/// and Service Bus duplicate detection drops the second.
/// </summary>
public sealed record IntegrationEvent(
    string EventId,
    string EventType,
    string CorrelationId,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, object?> Data,
    int SchemaVersion = IntegrationEvent.CurrentSchemaVersion)
{
    /// <summary>
    /// 2: complaint events name the case by its reference (never the id, a ULID whose first
    /// symbols are its receipt time), tell the day only (<c>occurredAt</c> is Bangkok midnight,
    /// <c>receivedOn</c> a date) and leave after that day is over. 1 carried <c>complaintId</c> and times to the tick.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    public static IntegrationEvent Create(string type, string correlationId, string naturalKey, DateTimeOffset at, IReadOnlyDictionary<string, object?> data) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}|{naturalKey}")))[..32], type, correlationId, at, data);
}

/// <summary>The events the system publishes.</summary>
public static class EventTypes
{
    public const string ComplaintRegistered = "ComplaintRegistered";
    public const string ComplaintStatusChanged = "ComplaintStatusChanged";
    public const string RegistrationConfirmed = "RegistrationConfirmed";
    public const string SummaryPublished = "SummaryPublished";
    public const string HotspotDetected = "HotspotDetected";
}
