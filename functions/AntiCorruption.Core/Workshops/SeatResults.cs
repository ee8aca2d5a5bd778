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
