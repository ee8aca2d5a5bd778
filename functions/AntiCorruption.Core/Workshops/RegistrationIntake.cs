using System.Net;
using System.Security.Cryptography;
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
/// simultaneous registrations by the same person exactly one lands. Then the seat decision is queued.
/// <para>
/// A duplicate is refused without the first registration's code: anyone can type another
/// person's phone, email or national id, and the code cancels their seat and shows their QR code.
/// Only a true retry (the same <c>Idempotency-Key</c> with the same body bytes as the request
/// that made the registration) gets that request's answer back: the key is a random value the
/// first request's client made, so a stranger who knows the person's details still cannot make it.
/// </para>
/// </summary>
public sealed class RegistrationIntake(
    StorageAccount storage,
    WorkshopCatalog workshops,
    RegistrationValidator validator,
    ConfirmationCodes codes,
    KeyedHasher hasher,
    PiiProtector pii,
    RegistrantIndex index,
    TimeProvider time)
{
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly TableClient _codes = storage.Table(StorageNames.RegistrationCodesTable);
    private readonly QueueClient _queue = storage.Queue(StorageNames.RegistrationsQueue);

    /// <summary>A registration that carries no retry key (a benchmark, a channel that dedupes its own deliveries).</summary>
    public Task<RegisterResult> RegisterAsync(string workshopId, JsonElement body, CancellationToken cancellationToken) =>
        RegisterAsync(workshopId, body, retry: null, cancellationToken);

    /// <param name="retry">The client's <c>Idempotency-Key</c> and the body's bytes, or null (LINE, or a client that sent no key).</param>
    public async Task<RegisterResult> RegisterAsync(string workshopId, JsonElement body, RegistrationRetry? retry, CancellationToken cancellationToken)
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
        var retryHash = retry is null ? null : RetryHash(workshopId, retry);
        if (await FindExistingAsync(workshopId, guards, retryHash, cancellationToken) is { } existing)
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
            Retry = retryHash,
        };

        // The person's keys for a request by letter go in beside the code's row, before the
        // registration: a row they lead to always has them listed (RegistrantIndex).
        var registrantKeys = index.KeysOf(attendee);
        row.RegistrantKeys = string.Join(' ', registrantKeys);
        await Task.WhenAll(
            _codes.UpsertEntityAsync(new RegistrationCodeEntity { PartitionKey = codeHash[..2], RowKey = codeHash, WorkshopId = workshopId }, cancellationToken: cancellationToken),
            index.AddAsync(workshopId, row.RowKey, registrantKeys, cancellationToken));
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
            // The same person (or their own retry) registered at this very moment: theirs stands,
            // and this one's index rows, which lead to no registration, go.
            await index.RemoveAsync(row.RowKey, registrantKeys, CancellationToken.None);
            return await FindExistingAsync(workshopId, guards, retryHash, cancellationToken) ?? throw new InvalidOperationException("A guard conflicted but none was found.", ex);
        }

        try
        {
            await _queue.SendMessageAsync(JsonSerializer.Serialize(new RegistrationMessage(1, workshopId, codeHash), JsonDefaults.Options), cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Not queued, so not accepted: take the registration back out so the person can retry.
            await _registrations.SubmitTransactionAsync(actions.Select(a => new TableTransactionAction(TableTransactionActionType.Delete, a.Entity, ETag.All)), CancellationToken.None);
            await index.RemoveAsync(row.RowKey, registrantKeys, CancellationToken.None);
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

    /// <summary>
    /// Names the request that made a registration: keyed, so the stored value tells a storage
    /// reader nothing, and over the body's bytes, so the same key with other details is not a retry.
    /// </summary>
    private string RetryHash(string workshopId, RegistrationRetry retry) =>
        hasher.Hash("registration-retry", $"{workshopId}|{retry.IdempotencyKey}|{Convert.ToHexStringLower(SHA256.HashData(retry.Body.Span))}");

    /// <summary>
    /// A registration already holding one of these guards: its original answer for a retry of the
    /// request that made it, otherwise a refusal that says nothing about it (not even which guard).
    /// </summary>
    private async Task<RegisterResult?> FindExistingAsync(string workshopId, IEnumerable<string> guards, string? retryHash, CancellationToken cancellationToken)
    {
        foreach (var guard in guards)
        {
            var found = await _registrations.GetEntityIfExistsAsync<RegistrationGuard>(workshopId, guard, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                continue;
            }

            var registration = await _registrations.GetEntityIfExistsAsync<RegistrationEntity>(workshopId, found.Value!.Registration, cancellationToken: cancellationToken);
            if (!registration.HasValue)
            {
                continue;
            }

            if (retryHash is null || registration.Value!.Retry is not { } made
                || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(made), System.Text.Encoding.ASCII.GetBytes(retryHash)))
            {
                return new RegisterResult.AlreadyRegistered();
            }

            // The first answer was 202 pending; the same request gets the same answer (the
            // decision since then is what the lookup route is for).
            var hash = registration.Value.RowKey[2..];
            var code = System.Text.Encoding.UTF8.GetString(pii.Open(registration.Value.Code, RegistrationCodes.CodeContext(workshopId, hash)));
            return new RegisterResult.Accepted(new RegistrationReceipt(code, RegistrationStatus.Pending));
        }

        return null;
    }
}

/// <summary>What makes a request a retry of an earlier one: the client's <c>Idempotency-Key</c> and the body's bytes.</summary>
public sealed record RegistrationRetry(string IdempotencyKey, ReadOnlyMemory<byte> Body);

/// <summary>What intake puts on the <c>registrations</c> queue: which registration to decide.</summary>
public sealed record RegistrationMessage(int Version, string WorkshopId, string Registration);

public abstract record RegisterResult
{
    private RegisterResult()
    {
    }

    public sealed record Accepted(RegistrationReceipt Receipt) : RegisterResult;

    /// <summary>Someone already holds a registration for this workshop with this email, phone or national id; its code is not given.</summary>
    public sealed record AlreadyRegistered : RegisterResult;

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
