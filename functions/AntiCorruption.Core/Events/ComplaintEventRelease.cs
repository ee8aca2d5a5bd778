using System.Security.Cryptography;
using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Events;

/// <summary>
/// When an event about a complaint may leave, and what time it may tell. A broker stamps each
/// message with the moment it arrives (Service Bus's enqueued time, a storage queue's insertion
/// time) and numbers it in order: an event sent seconds after a complaint tells its receipt time
/// as well as any timestamp in its body would, to every subscriber, an agency among them. So a
/// complaint's events say only the Bangkok day (<see cref="DayOf"/>), and wait in the outbox until
/// that day is over, then leave at a random moment of the next day's first hour, so that neither
/// the time nor the order within the day survives the broker.
/// </summary>
public static class ComplaintEventRelease
{
    /// <summary>How long after midnight the day's events are spread over.</summary>
    public static readonly TimeSpan Spread = TimeSpan.FromHours(1);

    /// <summary>The start of the Bangkok day of an instant (midnight, +07:00): the time a complaint event tells.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset instant) => Bangkok.StartOf(Bangkok.DateOf(instant));

    /// <summary>How long an event added at <paramref name="now"/> waits: to the next Bangkok midnight, and <paramref name="share"/> (0 to 1) of <see cref="Spread"/> more.</summary>
    public static TimeSpan Delay(DateTimeOffset now, double share) =>
        Bangkok.StartOf(Bangkok.DateOf(now).AddDays(1)) + (Spread * Math.Clamp(share, 0, 1)) - now;

    /// <summary>A delay with a share drawn at random.</summary>
    public static TimeSpan Delay(DateTimeOffset now) => Delay(now, RandomNumberGenerator.GetInt32(3600) / 3600.0);
}
