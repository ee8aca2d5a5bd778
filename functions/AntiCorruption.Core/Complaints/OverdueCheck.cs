using Azure.Data.Tables;
using AntiCorruption.Core.Time;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Complaints;

/// <summary>
/// The daily deadline check: flags complaints whose acknowledgement (7 days) or feedback
/// (3 months) is late, and logs how many are late per region, so each office sees its backlog.
/// It reads the current and the previous fiscal year, which covers every open 3-month deadline.
/// </summary>
public sealed partial class OverdueCheck(ComplaintStore store, ComplaintWork work, TimeProvider time, ILogger<OverdueCheck> logger)
{
    public async Task<IReadOnlyDictionary<int, OverdueCount>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var year = FiscalYear.Of(now);
        var late = TableClient.CreateQueryFilter(
            $"(Acknowledged eq false and AcknowledgeBy lt {now}) or (FeedbackGiven eq false and FeedbackDueBy lt {now})");
        var counts = new SortedDictionary<int, OverdueCount>();
        foreach (var fiscalYear in new[] { year.Previous, year })
        {
            await foreach (var complaint in store.ScanAsync(fiscalYear, late, cancellationToken))
            {
                var acknowledgeLate = !complaint.Acknowledged && now > complaint.AcknowledgeBy;
                var feedbackLate = !complaint.FeedbackGiven && !complaint.IsFinal && now > complaint.FeedbackDueBy;
                if (!acknowledgeLate && !feedbackLate)
                {
                    continue;
                }

                if (complaint.AcknowledgeOverdue != acknowledgeLate || complaint.FeedbackOverdue != feedbackLate)
                {
                    await work.UpdateAsync(complaint.ComplaintId, c =>
                    {
                        c.AcknowledgeOverdue = !c.Acknowledged && now > c.AcknowledgeBy;
                        c.FeedbackOverdue = !c.FeedbackGiven && !c.IsFinal && now > c.FeedbackDueBy;
                        return true;
                    }, cancellationToken);
                }

                var count = counts.GetValueOrDefault(complaint.Region);
                counts[complaint.Region] = new OverdueCount(count.NotAcknowledged + (acknowledgeLate ? 1 : 0), count.NoFeedback + (feedbackLate ? 1 : 0));
            }
        }

        foreach (var (region, count) in counts)
        {
            LogRegion(logger, region, count.NotAcknowledged, count.NoFeedback);
        }

        var notAcknowledged = counts.Values.Sum(c => c.NotAcknowledged);
        var noFeedback = counts.Values.Sum(c => c.NoFeedback);
        LogDone(logger, notAcknowledged, noFeedback);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: {NotAcknowledged} complaints not acknowledged in 7 days, {NoFeedback} without feedback in 3 months")]
    private static partial void LogRegion(ILogger logger, int region, int notAcknowledged, int noFeedback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline check done: {NotAcknowledged} not acknowledged, {NoFeedback} without feedback")]
    private static partial void LogDone(ILogger logger, int notAcknowledged, int noFeedback);
}

public readonly record struct OverdueCount(int NotAcknowledged, int NoFeedback);
