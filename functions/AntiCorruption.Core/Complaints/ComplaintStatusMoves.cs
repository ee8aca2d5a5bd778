namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The moves staff may make between statuses. Anything not listed is refused (409), so a closed
/// case cannot slip back into work unnoticed: closed, dismissed and referred cases reopen only to
/// <c>under_review</c>, and only with a note that says why, as does a case kept under review.
/// </summary>
public static class ComplaintStatusMoves
{
    private static readonly ComplaintStatus[] Onward = [ComplaintStatus.UnderReview, ComplaintStatus.Referred, ComplaintStatus.Closed, ComplaintStatus.Dismissed];

    private static readonly Dictionary<ComplaintStatus, ComplaintStatus[]> Allowed = new()
    {
        [ComplaintStatus.Received] = Onward,
        [ComplaintStatus.Registered] = Onward,
        [ComplaintStatus.UnderReview] = Onward,
        [ComplaintStatus.Referred] = [ComplaintStatus.UnderReview, ComplaintStatus.Closed, ComplaintStatus.Dismissed],
        [ComplaintStatus.Closed] = [ComplaintStatus.UnderReview],
        [ComplaintStatus.Dismissed] = [ComplaintStatus.UnderReview],
    };

    /// <summary>Where a case in <paramref name="from"/> may go.</summary>
    public static IReadOnlyList<ComplaintStatus> From(ComplaintStatus from) => Allowed[from];

    public static bool IsAllowed(ComplaintStatus from, ComplaintStatus to) => Allowed[from].Contains(to);

    /// <summary>Reopening a finished case, or keeping one under review, says why.</summary>
    public static bool NeedsNote(ComplaintStatus from, ComplaintStatus to) =>
        to == ComplaintStatus.UnderReview && from is ComplaintStatus.UnderReview or ComplaintStatus.Referred or ComplaintStatus.Closed or ComplaintStatus.Dismissed;
}
