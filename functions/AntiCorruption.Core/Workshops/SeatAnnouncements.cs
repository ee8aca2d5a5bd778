using AntiCorruption.Core.Events;
using AntiCorruption.Core.Notifications;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// What a committed seat decision tells the world: a RegistrationConfirmed event for each seat
/// given (in one outbox message; the registration named by a slice of its code's keyed hash), and a
/// notice for each registrant concerned, mailed once (the notice id is the registration's and the
/// kind's: a decision is made once, a promotion once).
/// </summary>
public sealed class SeatAnnouncements(EventOutbox outbox, NoticeOutbox notices, TimeProvider time)
{
    /// <summary>Registrations decided in one transaction: events for the seats, a notice for everyone.</summary>
    public async Task DecidedAsync(string workshopId, IReadOnlyList<RegistrationEntity> decided, CancellationToken cancellationToken)
    {
        await PublishConfirmedAsync(workshopId, decided.Where(r => r.Status == "confirmed"), cancellationToken);
        await NotifyAsync(NoticeKinds.RegistrationDecided, workshopId, decided, cancellationToken);
    }

    /// <summary>
    /// A registration found decided when its message came again: if by that message's earlier try,
    /// its notice may not have been queued before the try died (its event is the outbox's to repeat).
    /// </summary>
    public Task DecidedBeforeAsync(string workshopId, RegistrationEntity registration, CancellationToken cancellationToken) =>
        NotifyAsync(NoticeKinds.RegistrationDecided, workshopId, [registration], cancellationToken);

    /// <summary>Registrations moved from the waitlist to a seat.</summary>
    public async Task PromotedAsync(string workshopId, IReadOnlyList<RegistrationEntity> promoted, CancellationToken cancellationToken)
    {
        await PublishConfirmedAsync(workshopId, promoted, cancellationToken);
        await NotifyAsync(NoticeKinds.RegistrationPromoted, workshopId, promoted, cancellationToken);
    }

    private Task PublishConfirmedAsync(string workshopId, IEnumerable<RegistrationEntity> confirmed, CancellationToken cancellationToken)
    {
        var events = confirmed.Select(registration => IntegrationEvent.Create(
            EventTypes.RegistrationConfirmed, workshopId, $"{workshopId}|{registration.RowKey}", registration.DecidedAt ?? time.GetUtcNow(), new Dictionary<string, object?>
            {
                ["workshopId"] = workshopId,
                ["registrationId"] = registration.RowKey[2..18],
                ["province"] = registration.Province,
            })).ToArray();
        return events.Length == 0 ? Task.CompletedTask : outbox.AddAsync(events, cancellationToken);
    }

    private Task NotifyAsync(string kind, string workshopId, IEnumerable<RegistrationEntity> registrations, CancellationToken cancellationToken) =>
        Task.WhenAll(registrations.Select(r => notices.SendAsync(Notice.Of(kind, $"{workshopId}|{r.RowKey}", workshopId: workshopId, registration: r.RowKey), cancellationToken)));
}
