namespace AntiCorruption.Core.Workshops;

/// <summary>A workshop as the API shows it.</summary>
public sealed record Workshop(
    string Id,
    string Title,
    int FiscalYear,
    int Region,
    string Province,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int SeatsRemaining,
    bool RegistrationOpen,
    DateTimeOffset RegistrationDeadline);

/// <summary>What a person sees of their registration.</summary>
public sealed record RegistrationView(RegistrationStatus Status, string WorkshopId, int? WaitlistPosition);

/// <summary>The answer to a registration: the 202 body (and a retry's, with the same Idempotency-Key and body).</summary>
public sealed record RegistrationReceipt(string ConfirmationCode, RegistrationStatus Status);
