using System.Text.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Notifications;

/// <summary>
/// "Send me my code again", for someone whose registration was refused as a duplicate: body
/// <c>{"workshopId","email"}</c>. When the workshop holds a registration with that email, its
/// code goes to that stored address, never to one the caller names otherwise, at most once an hour.
/// The answer is the same whether or not anything matched, and so is the work: a notice is queued
/// either way (one that names no registration sends nothing), so neither the answer nor its time
/// says whether someone registered.
/// </summary>
public sealed class RegistrationCodeResend(StorageAccount storage, KeyedHasher hasher, NoticeOutbox notices, TimeProvider time)
{
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);

    public async Task<ValidationErrors> RequestAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var workshopId = fields?.Text("workshopId", required: true, 64);
        var email = fields?.Text("email", required: true, 254)?.ToLowerInvariant();
        if (workshopId is not null && !WorkshopCatalog.IsValidId(workshopId))
        {
            errors.Add("workshopId", Messages.InvalidWorkshopId);
        }

        if (email is not null && !ContactFormats.IsEmail(email))
        {
            errors.Add("email", Messages.InvalidEmail);
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        // The duplicate guard of this email at this workshop (RegistrationIntake) names the registration.
        var guard = "g-" + hasher.Hash("registrant-email", $"{workshopId}|{email}");
        var found = await _registrations.GetEntityIfExistsAsync<RegistrationGuard>(workshopId!, guard, cancellationToken: cancellationToken);
        var registration = found.HasValue ? found.Value!.Registration : null;
        var hour = Bangkok.ToBangkok(time.GetUtcNow()).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        var key = registration is null ? Guid.NewGuid().ToString("N") : $"{workshopId}|{registration}|{hour}";
        await notices.SendAsync(Notice.Of(NoticeKinds.RegistrationCode, key, workshopId: workshopId, registration: registration), cancellationToken);
        return errors;
    }
}
