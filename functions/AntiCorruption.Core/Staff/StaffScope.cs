using System.Globalization;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// The regions a staff member's scope roles cover: <c>Region.N</c> for PACC region N (0 is the
/// central office, which handles Bangkok), <c>Region.All</c> for head office. A record of a region
/// outside it is, to that person, a record that does not exist.
/// </summary>
public sealed class StaffScope
{
    public const int FirstRegion = 0;
    public const int LastRegion = 9;

    private readonly HashSet<int> _regions;

    private StaffScope(HashSet<int> regions) => _regions = regions;

    /// <summary>The regions covered, in order: all ten for head office.</summary>
    public IReadOnlyList<int> Regions => [.. _regions.Order()];

    public bool IsAll => _regions.Count == LastRegion - FirstRegion + 1;

    public bool IsEmpty => _regions.Count == 0;

    public static StaffScope Of(IEnumerable<string> roles)
    {
        var regions = new HashSet<int>();
        foreach (var role in roles)
        {
            if (role == StaffRoles.AllRegions)
            {
                regions.UnionWith(Enumerable.Range(FirstRegion, LastRegion - FirstRegion + 1));
            }
            else if (role.StartsWith("Region.", StringComparison.Ordinal)
                && int.TryParse(role.AsSpan("Region.".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var region)
                && region is >= FirstRegion and <= LastRegion)
            {
                regions.Add(region);
            }
        }

        return new StaffScope(regions);
    }

    public bool Covers(int region) => _regions.Contains(region);

    /// <summary>
    /// The regions a list may show, given the one asked for: every covered region when none is
    /// asked, none when the one asked is outside the scope (an empty list, as for a region with no cases).
    /// </summary>
    public IReadOnlyList<int> Narrow(int? requested) =>
        requested is null ? Regions : Covers(requested.Value) ? [requested.Value] : [];
}
