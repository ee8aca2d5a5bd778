using AntiCorruption.Core.Statistics;

namespace AntiCorruption.Core.Summaries;

/// <summary>What one scope collects while the year is read: its counts, and its workshops' seat figures.</summary>
internal sealed record ScopeOutput(SummaryScope Scope, ComplaintStatistics Statistics)
{
    public List<WorkshopRegistrationSummary> Workshops { get; } = [];
}
