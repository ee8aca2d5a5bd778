using Azure;
using Azure.Data.Tables;

namespace AntiCorruption.Core.Workshops;

/// <summary>A workshop as people see it, in table <c>workshops</c> (one partition: there are hundreds, not millions).</summary>
public sealed class WorkshopEntity : ITableEntity
{
    public const string Partition = "workshop";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    public int FiscalYear { get; set; }
    public int Region { get; set; }
    public string Province { get; set; } = "";
    public string Venue { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }
    public DateTimeOffset RegistrationDeadline { get; set; }
}

/// <summary>
/// The seat ledger of one workshop: the row every seat decision changes, in the same partition as
/// that workshop's registrations, so a decision and the ledger change commit together in one
/// entity-group transaction under the ledger's ETag. Two workers deciding at once cannot both
/// take the last seat: one transaction fails and is retried on fresh counts.
/// </summary>
public sealed class SeatLedger : ITableEntity
{
    public const string Row = "ledger";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Capacity { get; set; }
    public int Confirmed { get; set; }
    public int Waitlisted { get; set; }
    public int CheckedIn { get; set; }
    public long NextSequence { get; set; }

    /// <summary>True once the workshop's <see cref="WaitlistIndex"/> is exact: from creation, or built once for a ledger older than it.</summary>
    public bool WaitlistIndexed { get; set; }
}

/// <summary>One registration, RowKey <c>r-{keyed hash of the confirmation code}</c>; the person's details sealed.</summary>
public sealed class RegistrationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "pending";

    /// <summary>Arrival order, set when the queue decides: the waitlist is promoted in this order.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string Province { get; set; } = "";

    /// <summary>Sealed <see cref="Attendee"/>.</summary>
    public byte[] Attendee { get; set; } = [];

    /// <summary>The confirmation code, sealed, so a retry of the request that made this registration can be given it back.</summary>
    public byte[] Code { get; set; } = [];

    /// <summary>Keyed hash of the Idempotency-Key and body of the request that made this registration; null when it had no key.</summary>
    public string? Retry { get; set; }

    /// <summary>RowKeys of this person's duplicate guards, space-separated, released on cancellation.</summary>
    public string Guards { get; set; } = "";

    /// <summary>
    /// This person's keys in the <see cref="RegistrantIndex"/>, space-separated: removed with the
    /// personal fields. Null on a row written before the index, until <see cref="RegistrantIndexBackfill"/> indexes it.
    /// </summary>
    public string? RegistrantKeys { get; set; }

    /// <summary>When the registrant withdrew their consent (<see cref="RegistrationErasure"/>); null while it stands.</summary>
    public DateTimeOffset? ConsentWithdrawnAt { get; set; }

    /// <summary>When the personal fields were erased (a withdrawal of consent or a request by letter); null while they are held.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>The fields that erasure removed, comma-separated in the API's spelling (<c>fullName,phone,...</c>).</summary>
    public string? ErasedFields { get; set; }

    /// <summary>When the retention schedule erased the phone, email and national id (and released the guards).</summary>
    public DateTimeOffset? ContactsErasedAt { get; set; }

    /// <summary>When the retention schedule erased the name, position and agency; status and check-in stay for the counts.</summary>
    public DateTimeOffset? NameErasedAt { get; set; }

    public static string RowOf(string codeHash) => "r-" + codeHash;
}

/// <summary>
/// A registration waiting for its seat decision, keyed by arrival (<c>p-{ticks}-{code hash}</c>),
/// so that a decision reads the next ones in order with one small range query instead of every
/// pending row of the workshop. Written with the registration, deleted in the transaction that
/// decides it (or cancels it): it exists exactly while the registration is pending.
/// </summary>
public sealed class PendingRegistration : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The registration's RowKey.</summary>
    public string Registration { get; set; } = "";

    /// <summary>The registrant's province, for the RegistrationConfirmed event.</summary>
    public string Province { get; set; } = "";

    public const string From = "p-";
    public const string To = "p.";

    public static string RowOf(DateTimeOffset createdAt, string registrationRow) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{From}{createdAt.UtcTicks:D19}-{registrationRow}");
}

/// <summary>
/// <c>g-{keyed hash of an email, phone or national id}</c>: present while that person holds a
/// registration for the workshop, so a second one finds the first.
/// </summary>
public sealed class RegistrationGuard : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Registration { get; set; } = "";
}

/// <summary>Finds a registration's workshop from its code's hash (table <c>registrationcodes</c>).</summary>
public sealed class RegistrationCodeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string WorkshopId { get; set; } = "";
}

/// <summary>Who registered. Sealed at rest: registration rests on consent, so it holds only what check-in needs.</summary>
public sealed record Attendee(string FullName, string? Position, string? Agency, string Province, string? Phone, string? Email, string? NationalId);

public enum RegistrationStatus
{
    Pending,
    Confirmed,
    Waitlisted,
    Cancelled,
    CheckedIn,
}
