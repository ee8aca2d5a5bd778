using AntiCorruption.Core.Complaints;

namespace AntiCorruption.Core.Tests.Complaints;

public class ComplaintStatusMovesTests
{
    /// <summary>The moves the contract allows, written out: every other pair must be refused.</summary>
    private static readonly HashSet<(ComplaintStatus, ComplaintStatus)> Listed =
    [
        (ComplaintStatus.Received, ComplaintStatus.UnderReview), (ComplaintStatus.Received, ComplaintStatus.Referred), (ComplaintStatus.Received, ComplaintStatus.Closed), (ComplaintStatus.Received, ComplaintStatus.Dismissed),
        (ComplaintStatus.Registered, ComplaintStatus.UnderReview), (ComplaintStatus.Registered, ComplaintStatus.Referred), (ComplaintStatus.Registered, ComplaintStatus.Closed), (ComplaintStatus.Registered, ComplaintStatus.Dismissed),
        (ComplaintStatus.UnderReview, ComplaintStatus.UnderReview), (ComplaintStatus.UnderReview, ComplaintStatus.Referred), (ComplaintStatus.UnderReview, ComplaintStatus.Closed), (ComplaintStatus.UnderReview, ComplaintStatus.Dismissed),
        (ComplaintStatus.Referred, ComplaintStatus.UnderReview), (ComplaintStatus.Referred, ComplaintStatus.Closed), (ComplaintStatus.Referred, ComplaintStatus.Dismissed),
        (ComplaintStatus.Closed, ComplaintStatus.UnderReview),
        (ComplaintStatus.Dismissed, ComplaintStatus.UnderReview),
    ];

    [Fact]
    public void IsAllowed_ExactlyTheListedMoves()
    {
        foreach (var from in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var to in Enum.GetValues<ComplaintStatus>())
            {
                Assert.True(Listed.Contains((from, to)) == ComplaintStatusMoves.IsAllowed(from, to), $"{from} -> {to}");
            }
        }
    }

    [Theory]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Dismissed)]
    [InlineData(ComplaintStatus.Referred)]
    [InlineData(ComplaintStatus.UnderReview)]
    public void NeedsNote_ReopeningOrStayingUnderReview(ComplaintStatus from)
    {
        Assert.True(ComplaintStatusMoves.NeedsNote(from, ComplaintStatus.UnderReview));
    }

    [Fact]
    public void NeedsNote_NotForAFirstMove()
    {
        Assert.False(ComplaintStatusMoves.NeedsNote(ComplaintStatus.Registered, ComplaintStatus.UnderReview));
        Assert.False(ComplaintStatusMoves.NeedsNote(ComplaintStatus.UnderReview, ComplaintStatus.Closed));
    }
}
