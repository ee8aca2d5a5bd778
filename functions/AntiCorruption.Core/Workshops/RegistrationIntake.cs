using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Takes a registration in: the person's row (pending), its place in the pending line and one
/// duplicate guard per email, phone and national id go in as one transaction, so of two
/// simultaneous registrations by the same person exactly one lands; the other is given the first
/// one's code. Then the seat decision is queued.
/// </summary>
public sealed class RegistrationIntake(
    StorageAccount storage,
    WorkshopCatalog workshops,
    RegistrationValidator validator,
    TrackingCodes codes,
    KeyedHasher hasher,
    PiiProtector pii,
    TimeProvider time)
{
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.RegistrationCodesTable);
    private readonly QueueClient _queue = storage.Queue(StorageNames.RegistrationsQueue);

    public async Task<RegisterResult> RegisterAsync(string workshopId, JsonElement body, CancellationToken cancellationToken)
    {
        var workshop = await workshops.FindAsync(workshopId, cancellationToken);
        if (workshop is null)
        {
            return new RegisterResult.NoSuchWorkshop();
        }

        var attendee = validator.Validate(body, out var errors);
        if (attendee is null)
        {
            return new RegisterResult.Invalid(errors);
        }

        if (!workshops.IsOpen(workshop))
        {
            return new RegisterResult.Closed();
        }

        var guards = Identities(workshopId, attendee).Select(h => "g-" + h).ToArray();
        if (await FindExistingAsync(workshopId, guards, cancellationToken) is { } existing)
        {
            return existing;
        }

        var code = codes.New();
        var codeHash = RegistrationCodes.Hash(hasher, code);
        var row = new RegistrationEntity
        {
            PartitionKey = workshopId,
            RowKey = RegistrationEntity.RowOf(codeHash),
            CreatedAt = time.GetUtcNow(),
            Province = attendee.Province,
            Attendee = pii.SealJson(attendee, RegistrationCodes.AttendeeContext(workshopId, codeHash)),
            Code = pii.Seal(System.Text.Encoding.UTF8.GetBytes(code), RegistrationCodes.CodeContext(workshopId, codeHash)),
            Guards = string.Join(' ', guards),
        };

        await _codes.UpsertEntityAsync(new RegistrationCodeEntity { PartitionKey = codeHash[..2], RowKey = codeHash, WorkshopId = workshopId }, cancellationToken: cancellationToken);
        var pending = new PendingRegistration { PartitionKey = workshopId, RowKey = PendingRegistration.RowOf(row.CreatedAt, row.RowKey), Registration = row.RowKey, Province = row.Province };
        var actions = guards.Select(g => new TableTransactionAction(TableTransactionActionType.Add, new RegistrationGuard { PartitionKey = workshopId, RowKey = g, Registration = row.RowKey }))
            .Prepend(new TableTransactionAction(TableTransactionActionType.Add, pending))
            .Prepend(new TableTransactionAction(TableTransactionActionType.Add, row))
            .ToArray();
        try
        {
            await _registrations.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // The same person registered at this very moment: theirs stands.
            return await FindExistingAsync(workshopId, guards, cancellationToken) ?? throw new InvalidOperationException("A guard conflicted but none was found.", ex);
        }

        try
        {
            await _queue.SendMessageAsync(JsonSerializer.Serialize(new RegistrationMessage(1, workshopId, codeHash), JsonDefaults.Options), cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Not queued, so not accepted: take the registration back out so the person can retry.
            await _registrations.SubmitTransactionAsync(actions.Select(a => new TableTransactionAction(TableTransactionActionType.Delete, a.Entity, ETag.All)), CancellationToken.None);
            throw;
        }

        return new RegisterResult.Accepted(new RegistrationReceipt(code, RegistrationStatus.Pending));
    }

    /// <summary>The keyed hashes that say "this person" for one workshop: email, phone and national id, each on its own.</summary>
    private IEnumerable<string> Identities(string workshopId, Attendee attendee)
    {
        if (attendee.Email is not null)
        {
            yield return hasher.Hash("registrant-email", $"{workshopId}|{attendee.Email}");
        }

        if (attendee.Phone is not null)
        {
            yield return hasher.Hash("registrant-phone", $"{workshopId}|{attendee.Phone}");
        }

        if (attendee.NationalId is not null)
        {
            yield return hasher.Hash("registrant-national-id", $"{workshopId}|{attendee.NationalId}");
        }
    }

    private async Task<RegisterResult.AlreadyRegistered?> FindExistingAsync(string workshopId, IEnumerable<string> guards, CancellationToken cancellationToken)
    {
        foreach (var guard in guards)
        {
            var found = await _registrations.GetEntityIfExistsAsync<RegistrationGuard>(workshopId, guard, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                continue;
            }

            var registration = await _registrations.GetEntityIfExistsAsync<RegistrationEntity>(workshopId, found.Value!.Registration, cancellationToken: cancellationToken);
            if (registration.HasValue)
            {
                var hash = registration.Value!.RowKey[2..];
                var code = System.Text.Encoding.UTF8.GetString(pii.Open(registration.Value.Code, RegistrationCodes.CodeContext(workshopId, hash)));
                return new RegisterResult.AlreadyRegistered(new RegistrationReceipt(code, EnumNames.Parse<RegistrationStatus>(registration.Value.Status)));
            }
        }

        return null;
    }
}

/// <summary>What intake puts on the <c>registrations</c> queue: which registration to decide.</summary>
public sealed record RegistrationMessage(int Version, string WorkshopId, string Registration);

public abstract record RegisterResult
{
    private RegisterResult()
    {
    }

    public sealed record Accepted(RegistrationReceipt Receipt) : RegisterResult;

    /// <summary>The person already holds a registration for this workshop: here is its code.</summary>
    public sealed record AlreadyRegistered(RegistrationReceipt Receipt) : RegisterResult;

    public sealed record Invalid(ValidationErrors Errors) : RegisterResult;

    public sealed record NoSuchWorkshop : RegisterResult;

    public sealed record Closed : RegisterResult;
}

/// <summary>How confirmation codes are hashed and what sealed registration data is bound to.</summary>
public static class RegistrationCodes
{
    public static string Hash(KeyedHasher hasher, string code)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.Hash("registration-code", code);
    }

    public static string AttendeeContext(string workshopId, string codeHash) => $"registration/{workshopId}/{codeHash}/attendee";

    public static string CodeContext(string workshopId, string codeHash) => $"registration/{workshopId}/{codeHash}/code";
}
