using AntiCorruption.Core.Summaries;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>On <c>%SummarySchedule%</c> (01:00 Bangkok by default): queues the current fiscal year, and the previous one in October.</summary>
internal sealed class CompileSummariesOnSchedule(SummaryArchive archive)
{
    [Function(nameof(CompileSummariesOnSchedule))]
    public async Task Run([TimerTrigger("%SummarySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var year in archive.ScheduledYears())
        {
            await archive.RequestCompileAsync(year, cancellationToken);
        }
    }
}
