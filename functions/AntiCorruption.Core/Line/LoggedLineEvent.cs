using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Line;

/// <summary>
/// A LINE event as log lines name it: a keyed hash of its <c>webhookEventId</c>, the same in every
/// line about the event, so its lines can still be followed. The id itself is a ULID whose first
/// symbols are the moment the user wrote, to the millisecond; for the message that files a tip,
/// that is the complaint's time. Hashed only when a line is written.
/// </summary>
public readonly record struct LoggedLineEvent(KeyedHasher Hasher, string WebhookEventId)
{
    public override string ToString() => Hasher.Hash("line-event-log", WebhookEventId)[..16];
}
