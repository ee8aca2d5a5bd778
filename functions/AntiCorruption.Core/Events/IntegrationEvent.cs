using System.Security.Cryptography;
using System.Text;

namespace AntiCorruption.Core.Events;

/// <summary>
/// An event other systems may hear about: never personal data, only ids, codes and counts.
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
    public const int CurrentSchemaVersion = 1;

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
