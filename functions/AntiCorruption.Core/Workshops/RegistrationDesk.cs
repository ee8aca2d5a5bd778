using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// Seat decisions: confirm or waitlist, cancel and promote, raise capacity and promote, check in.
/// Each one is an entity-group transaction over the workshop's seat ledger and the registrations
/// it changes, under their ETags; a transaction that lost a race is retried on fresh rows. So no
/// number of concurrent workers can confirm more than the capacity.
/// </summary>
public sealed partial class RegistrationDesk(StorageAccount storage, RegistrationLookup lookup, SeatAnnouncements announcements, TimeProvider time, ILogger<RegistrationDesk> logger)
{
    /// <summary>A transaction holds 100 actions: the ledger, and per registration its line entry deleted, its row decided and perhaps its waitlist entry.</summary>
    private const int DecisionsPerTransaction = 33;

    /// <summary>The ledger, and per promotion the registration and its waitlist entry.</summary>
    private const int PromotionsPerTransaction = 49;

    private const int IndexBuilds = 5;
    private readonly TableClient _registrations = storage.Table(StorageNames.RegistrationsTable);
    private readonly WaitlistIndex _waitlist = new(storage.Table(StorageNames.RegistrationsTable));

    /// <summary>
    /// The queue step. Whoever gets a message decides every pending registration of that workshop,
    /// up to 49 at a time in order of arrival, in one transaction with the ledger: seats go first
    /// come, first served, and workers racing on one workshop mostly find their work already done
    /// instead of fighting over the ledger.
    /// </summary>
    public async Task DecideAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<RegistrationMessage>(messageText, JsonDefaults.Options);
        if (message is not { Version: 1 } || !WorkshopCatalog.IsValidId(message.WorkshopId) || message.Registration is not { Length: 64 })
        {
            throw new JsonException("Not a version-1 registration message.");
        }

        var status = await SeatTransactions.WithRetriesAsync(async () =>
        {
            var registration = await _registrations.FindAsync<RegistrationEntity>(message.WorkshopId, RegistrationEntity.RowOf(message.Registration), cancellationToken);
            if (registration is null || registration.Status != "pending")
            {
                if (registration is { Status: "confirmed" or "waitlisted" })
                {
                    await announcements.DecidedBeforeAsync(message.WorkshopId, registration, cancellationToken);
                }

                return registration?.Status ?? "gone"; // decided already (a batch, a redelivery), or cancelled before its turn
            }

            var ledger = await LedgerAsync(message.WorkshopId, cancellationToken);
            var decided = new List<RegistrationEntity>();
            var actions = new List<TableTransactionAction> { SeatTransactions.Replace(ledger) };
            foreach (var waiting in await PendingAsync(message.WorkshopId, DecisionsPerTransaction, cancellationToken))
            {
                var confirmed = ledger.Confirmed < ledger.Capacity;
                _ = confirmed ? ledger.Confirmed++ : ledger.Waitlisted++;
                // The line entry exists exactly while the registration is pending, so deleting it
                // under its ETag is what makes merging the decision into the row safe.
                var decision = new RegistrationEntity
                {
                    PartitionKey = message.WorkshopId,
                    RowKey = waiting.Registration,
                    Status = confirmed ? "confirmed" : "waitlisted",
                    Sequence = ++ledger.NextSequence,
                    DecidedAt = time.GetUtcNow(),
                    Province = waiting.Province,
                };
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, waiting, waiting.ETag));
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, Decision(decision), ETag.All));
                if (!confirmed)
                {
                    actions.Add(WaitlistIndex.Add(message.WorkshopId, decision));
                }

                decided.Add(decision);
            }

            // Committed or not, the next round reads this registration afresh.
            if (await _registrations.TrySubmitAsync(actions, cancellationToken))
            {
                await announcements.DecidedAsync(message.WorkshopId, decided, cancellationToken);
            }

            return null;
        });
        LogDecided(logger, message.WorkshopId, status);
    }

    /// <summary>Cancels by code; a confirmed seat passes to the first on the waitlist in the same transaction.</summary>
    public async Task<CancelResult> CancelAsync(string code, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(code, cancellationToken);
        if (found is null)
        {
            return CancelResult.NotFound;
        }

        return await CancelRowAsync(found.Value.WorkshopId, found.Value.Row.RowKey, cancellationToken);
    }

    /// <summary>Cancels the registration stored as <paramref name="rowKey"/> in the workshop's partition (staff acting on a request have no code).</summary>
    public async Task<CancelResult> CancelRowAsync(string workshopId, string rowKey, CancellationToken cancellationToken)
    {
        return await SeatTransactions.WithRetriesAsync<CancelResult?>(async () =>
        {
            var registration = await _registrations.FindAsync<RegistrationEntity>(workshopId, rowKey, cancellationToken);
            switch (registration?.Status)
            {
                case null:
                    return CancelResult.NotFound;
                case "cancelled":
                    return CancelResult.Cancelled;
                case "checked_in":
                    return CancelResult.AlreadyCheckedIn;
            }

            var ledger = await LedgerAsync(workshopId, cancellationToken);
            var actions = new List<TableTransactionAction>();
            IReadOnlyList<RegistrationEntity> promoted = [];
            if (registration.Status == "confirmed")
            {
                ledger.Confirmed--;
                (promoted, var entries) = await _waitlist.FirstAsync(workshopId, 1, cancellationToken);
                actions.AddRange(promoted.Select(p => Promote(ledger, p)));
                actions.AddRange(entries);
            }
            else if (registration.Status == "waitlisted")
            {
                ledger.Waitlisted--;
                if (await _waitlist.RemovalOfAsync(workshopId, registration, cancellationToken) is { } removal)
                {
                    actions.Add(removal);
                }
            }
            else if (registration.Status == "pending")
            {
                actions.Add(new TableTransactionAction(
                    TableTransactionActionType.Delete, new TableEntity(workshopId, PendingRegistration.RowOf(registration.CreatedAt, registration.RowKey)), ETag.All));
            }

            registration.Status = "cancelled";
            registration.CancelledAt = time.GetUtcNow();
            actions.Add(SeatTransactions.Replace(registration));
            actions.Add(SeatTransactions.Replace(ledger));
            actions.AddRange(registration.Guards.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(g => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(workshopId, g), ETag.All)));
            if (!await _registrations.TrySubmitAsync(actions, cancellationToken))
            {
                return null;
            }

            await announcements.PromotedAsync(workshopId, promoted, cancellationToken);
            return CancelResult.Cancelled;
        }) ?? CancelResult.NotFound;
    }

    /// <summary>Sets the capacity; seats it adds go to the waitlist in order. False when it would fall below the confirmed count.</summary>
    public async Task<bool> SetCapacityAsync(string workshopId, int capacity, CancellationToken cancellationToken)
    {
        return await SeatTransactions.WithRetriesAsync<bool?>(async () =>
        {
            var ledger = await LedgerAsync(workshopId, cancellationToken);
            if (capacity < ledger.Confirmed)
            {
                return false;
            }

            ledger.Capacity = capacity;
            // One transaction holds at most 100 actions: the ledger and 49 promotions with their
            // waitlist entries. Further promotions happen in the next round of this loop.
            var free = Math.Min(capacity - ledger.Confirmed, PromotionsPerTransaction);
            var (promotedRows, entries) = await _waitlist.FirstAsync(workshopId, free, cancellationToken);
            var promotions = promotedRows.Select(p => Promote(ledger, p)).ToList();
            if (!await _registrations.TrySubmitAsync([.. promotions, .. entries, SeatTransactions.Replace(ledger)], cancellationToken))
            {
                return null;
            }

            await announcements.PromotedAsync(workshopId, promotedRows, cancellationToken);

            // A full round, or one that only cleared stale entries, may leave more to promote.
            return promotions.Count == free && free > 0 || promotions.Count < entries.Count ? null : true;
        }) ?? false;
    }

    /// <summary>
    /// Checks a confirmed registration in; exactly one of any number of simultaneous scans
    /// succeeds. The answer carries the registration (for the name the door shows) unless the code
    /// names none of this workshop's.
    /// </summary>
    public async Task<CheckIn> CheckInAsync(string workshopId, string code, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(code, cancellationToken);
        if (found is null || found.Value.WorkshopId != workshopId)
        {
            return new CheckIn(CheckInResult.NotFound, null, null);
        }

        return await SeatTransactions.WithRetriesAsync(async () =>
        {
            var registration = (await _registrations.FindAsync<RegistrationEntity>(workshopId, found.Value.Row.RowKey, cancellationToken))!;
            if (registration.Status == "checked_in")
            {
                return new CheckIn(CheckInResult.AlreadyCheckedIn, registration.CheckedInAt, registration);
            }

            if (registration.Status != "confirmed")
            {
                return new CheckIn(CheckInResult.NotConfirmed, null, registration);
            }

            var ledger = await LedgerAsync(workshopId, cancellationToken);
            registration.Status = "checked_in";
            registration.CheckedInAt = time.GetUtcNow();
            ledger.CheckedIn++;
            return await _registrations.TrySubmitAsync([SeatTransactions.Replace(registration), SeatTransactions.Replace(ledger)], cancellationToken)
                ? new CheckIn(CheckInResult.CheckedIn, registration.CheckedInAt, registration)
                : null;
        });
    }

    /// <summary>The first pending registrations in order of arrival: one range query of at most <paramref name="count"/> small rows.</summary>
    private async Task<IReadOnlyList<PendingRegistration>> PendingAsync(string workshopId, int count, CancellationToken cancellationToken)
    {
        var pending = new List<PendingRegistration>(count);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workshopId} and RowKey ge {PendingRegistration.From} and RowKey lt {PendingRegistration.To}");
        await foreach (var row in _registrations.QueryAsync<PendingRegistration>(filter, maxPerPage: count, cancellationToken: cancellationToken))
        {
            pending.Add(row);
            if (pending.Count == count)
            {
                break;
            }
        }

        return pending;
    }

    /// <summary>Only the columns a decision sets, for a merge.</summary>
    private static TableEntity Decision(RegistrationEntity decision) => new(decision.PartitionKey, decision.RowKey)
    {
        ["Status"] = decision.Status,
        ["Sequence"] = decision.Sequence,
        ["DecidedAt"] = decision.DecidedAt,
    };

    private TableTransactionAction Promote(SeatLedger ledger, RegistrationEntity waiting)
    {
        ledger.Waitlisted--;
        ledger.Confirmed++;
        waiting.Status = "confirmed";
        waiting.DecidedAt = time.GetUtcNow();
        LogPromoted(logger, ledger.PartitionKey, waiting.Sequence);
        return SeatTransactions.Replace(waiting);
    }

    /// <summary>The workshop's ledger, its waitlist indexed first when it predates the index: every seat transaction keeps an exact index exact.</summary>
    private async Task<SeatLedger> LedgerAsync(string workshopId, CancellationToken cancellationToken)
    {
        for (var build = 0; ; build++)
        {
            var ledger = await _registrations.FindAsync<SeatLedger>(workshopId, SeatLedger.Row, cancellationToken)
                ?? throw new InvalidOperationException($"Workshop {workshopId} has no seat ledger.");
            if (ledger.WaitlistIndexed)
            {
                return ledger;
            }

            if (build == IndexBuilds)
            {
                throw new TimeoutException($"Workshop {workshopId}: seat decisions kept changing the waitlist while it was indexed.");
            }

            await _waitlist.BuildAsync(ledger, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration for workshop {WorkshopId} decided: {Status}")]
    private static partial void LogDecided(ILogger logger, string workshopId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workshop {WorkshopId}: waitlisted registration {Sequence} promoted")]
    private static partial void LogPromoted(ILogger logger, string workshopId, long sequence);
}
