namespace AntiCorruption.Core.Notifications;

/// <summary>
/// Who is told what (section <c>Notifications</c>): the officers' addresses of each region
/// (<c>Notifications__Regions__8=a@pacc.go.th;b@pacc.go.th</c>, 0 the central office) and the
/// workspace's address for the links in officers' mail.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Region number to semicolon-separated addresses.</summary>
    public Dictionary<string, string> Regions { get; set; } = [];

    /// <summary>e.g. https://func-xyz.azurewebsites.net/api/staff; links are left out without it.</summary>
    public string WorkspaceUrl { get; set; } = "";

    public IReadOnlyList<string> AddressesOf(int region) =>
        Regions.TryGetValue(region.ToString(System.Globalization.CultureInfo.InvariantCulture), out var list)
            ? list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(a => a.Contains('@', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()
            : [];
}
