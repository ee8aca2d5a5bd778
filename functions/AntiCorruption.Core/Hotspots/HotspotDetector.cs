namespace AntiCorruption.Core.Hotspots;

/// <summary>
/// One agency or province whose complaints rose well above their own baseline. <see cref="Region"/>
/// is the province's region, or for <see cref="Regional"/> ones the region whose complaints alone
/// were counted; null for an agency counted over the whole country.
/// </summary>
public sealed record Hotspot(string Kind, string Key, string Label, long Recent, long Baseline, double Expected, double PValue, int? Region = null, bool Regional = false);

/// <summary>
/// Compares the last 30 days with the 90 days before, per key. A key is a hotspot when its recent
/// count is at least <see cref="MinimumCount"/>, at least twice what its baseline predicts (a
/// rise large in count), and unlikely by chance: the exact conditional test of the recent share
/// of its complaints (binomial, p = 30/120), with Holm's procedure at <see cref="Significance"/>
/// over every key tested: the chance of any false alarm on a given day stays under 1% however many
/// hundreds of agencies with steady noise are tested.
/// </summary>
public static class HotspotDetector
{
    public const int RecentDays = 30;
    public const int BaselineDays = 90;
    public const int MinimumCount = 5;
    public const double MinimumRatio = 2;
    public const double Significance = 0.01;

    /// <param name="kind">agency or province.</param>
    /// <param name="complaints">(key, label, received) of every complaint of the last 120 days.</param>
    /// <param name="now">The end of the recent window.</param>
    public static IReadOnlyList<Hotspot> Detect(string kind, IEnumerable<(string Key, string Label, DateTimeOffset ReceivedAt)> complaints, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        var recentStart = now.AddDays(-RecentDays);
        var baselineStart = recentStart.AddDays(-BaselineDays);
        var counts = new Dictionary<string, (string Label, long Recent, long Baseline)>(StringComparer.Ordinal);
        foreach (var (key, label, at) in complaints)
        {
            if (key.Length == 0 || at < baselineStart || at > now)
            {
                continue;
            }

            var c = counts.GetValueOrDefault(key, (label, 0, 0));
            counts[key] = at >= recentStart ? (c.Label, c.Recent + 1, c.Baseline) : (c.Label, c.Recent, c.Baseline + 1);
        }

        const double recentShare = (double)RecentDays / (RecentDays + BaselineDays);
        var tested = counts
            .Where(c => c.Value.Recent >= MinimumCount)
            .Select(c => new Hotspot(
                kind, c.Key, c.Value.Label, c.Value.Recent, c.Value.Baseline,
                Math.Round(c.Value.Baseline * (double)RecentDays / BaselineDays, 3),
                PoissonTest.BinomialUpperTail(c.Value.Recent, c.Value.Recent + c.Value.Baseline, recentShare)))
            .OrderBy(h => h.PValue)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .ToArray();

        // Holm: walk up the sorted p-values while p(i) <= q / (m - i); stop at the first that is not.
        // m counts every key seen, not only those over the minimum: leaving the small ones out
        // would loosen the threshold on the very keys chosen for having many recent complaints.
        var m = counts.Count;
        var kept = 0;
        while (kept < tested.Length && tested[kept].PValue <= Significance / (m - kept))
        {
            kept++;
        }

        return tested.Take(kept).Where(h => h.Recent >= MinimumRatio * Math.Max(h.Expected, 1)).ToArray();
    }
}
