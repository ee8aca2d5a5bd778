namespace AntiCorruption.Core.Workshops;

public enum CancelResult
{
    Cancelled,
    NotFound,
    AlreadyCheckedIn,
}

public enum CheckInResult
{
    CheckedIn,
    AlreadyCheckedIn,
    NotConfirmed,
    NotFound,
}

/// <summary>A check-in's outcome: when the person was checked in (now, or earlier), and their registration when the code is this workshop's.</summary>
public sealed record CheckIn(CheckInResult Result, DateTimeOffset? At, RegistrationEntity? Registration);

/// <summary>What the door is told: the outcome, the time, and the name to greet or look for.</summary>
public sealed record DoorCheckIn(CheckInResult Result, DateTimeOffset? At, string? FullName);
