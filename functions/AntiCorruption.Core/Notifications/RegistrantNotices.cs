using System.Text;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Workshops;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Mail to registrants who gave an email: the decision (a seat or a waitlist place) with the code
/// and its QR code, a promotion from the waitlist, the code again when asked, a change of time or
/// venue, and the reminder the day before. Only to the address stored with the registration; a
/// registration without one (phone only, or erased) is told nothing by mail.
/// </summary>
public sealed class RegistrantNotices(StorageAccount storage, WorkshopCatalog workshops, PiiProtector pii, MailDelivery mail, NoticeOutbox notices)
{
    /// <summary>Notices of a fan-out queued at once: a thousand-seat workshop is a thousand small sends, not a thousand in a row.</summary>
    private const int FanOutBatch = 32;

    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    public async Task OneAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice is not { WorkshopId: { } workshopId, Registration: { } rowKey } || await workshops.FindAsync(workshopId, cancellationToken) is not { } workshop)
        {
            return;
        }

        var row = await _registrations.GetEntityIfExistsAsync<RegistrationEntity>(workshopId, rowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || Contact(workshopId, row.Value!) is not { } contact)
        {
            return;
        }

        var registration = row.Value!;
        var facts = Facts(workshop);
        var content = notice.Kind switch
        {
            NoticeKinds.WorkshopChanged when registration.Status is "confirmed" or "waitlisted" => MailTemplates.WorkshopChanged(facts),
            NoticeKinds.WorkshopReminder when registration.Status == "confirmed" => MailTemplates.WorkshopReminder(facts, contact.Code),
            NoticeKinds.RegistrationDecided when registration.Status is "confirmed" or "waitlisted" => MailTemplates.RegistrationDecided(facts, registration.Status == "confirmed", contact.Code),
            NoticeKinds.RegistrationPromoted when registration.Status == "confirmed" => MailTemplates.RegistrationPromoted(facts, contact.Code),
            NoticeKinds.RegistrationCode => MailTemplates.RegistrationCode(facts, registration.Status, contact.Code),
            _ => null, // cancelled (or checked in) since the notice was queued: nothing to tell
        };
        if (content is not null)
        {
            await mail.SendOnceAsync(notice, contact.Email, content, cancellationToken);
        }
    }

    /// <summary>
    /// A workshop's notice (a change, a reminder) becomes one notice per registration that holds a
    /// seat (or, for a change, a waitlist place), each mailed on its own with its own retries. The
    /// ids are made from the workshop's notice, so a fan-out taken twice queues the same notices.
    /// </summary>
    public async Task FanOutAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.WorkshopId is not { } workshopId)
        {
            return;
        }

        var reminder = notice.Kind == NoticeKinds.WorkshopReminder;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {"r-"} and RowKey lt {"r."}");
        var batch = new List<Task>();
        await foreach (var registration in _registrations.QueryAsync<TableEntity>(filter, select: ["RowKey", nameof(RegistrationEntity.Status)], cancellationToken: cancellationToken))
        {
            var status = registration.GetString(nameof(RegistrationEntity.Status));
            if (status == "confirmed" || (!reminder && status == "waitlisted"))
            {
                batch.Add(notices.SendAsync(Notice.Of(notice.Kind, $"{notice.Id}|{registration.RowKey}", workshopId: workshopId, registration: registration.RowKey), cancellationToken));
            }

            if (batch.Count == FanOutBatch)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
    }

    private (string Email, string Code)? Contact(string workshopId, RegistrationEntity registration)
    {
        if (registration.Attendee.Length == 0 || registration.Code.Length == 0)
        {
            return null;
        }

        var codeHash = registration.RowKey[2..];
        var attendee = pii.OpenJson<Attendee>(registration.Attendee, RegistrationCodes.AttendeeContext(workshopId, codeHash));
        return attendee.Email is { Length: > 0 } email
            ? (email, Encoding.UTF8.GetString(pii.Open(registration.Code, RegistrationCodes.CodeContext(workshopId, codeHash))))
            : null;
    }

    private static WorkshopFacts Facts(WorkshopEntity workshop) => new(workshop.Title, workshop.Venue, workshop.StartsAt, workshop.EndsAt);
}
