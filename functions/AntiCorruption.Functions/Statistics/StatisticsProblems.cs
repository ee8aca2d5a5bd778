using System.Globalization;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Functions.Statistics;

/// <summary>What the statistics routes say when there is nothing to show, and how long an answer may be cached.</summary>
internal static class StatisticsProblems
{
    /// <summary>Public figures, the same for everyone, refreshed by a daily compile: five minutes in any cache.</summary>
    public const string CacheControl = "public, max-age=300";

    public static readonly LocalizedText NothingPublished = new("ยังไม่มีการเผยแพร่สถิติ", "No statistics have been published yet.");

    public static LocalizedText NotCompiled(int fiscalYear) => new(
        string.Create(CultureInfo.InvariantCulture, $"ยังไม่มีสถิติของปีงบประมาณ {fiscalYear}"),
        string.Create(CultureInfo.InvariantCulture, $"No statistics have been published for fiscal year {fiscalYear}."));
}
