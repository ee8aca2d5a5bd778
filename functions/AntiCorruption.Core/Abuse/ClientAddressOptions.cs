namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Where the caller's address is read from (<c>ClientAddress__Header</c>,
/// <c>ClientAddress__TrustedHops</c>). Only what a trusted proxy wrote can be believed: each proxy
/// appends the address it saw to the header, and whatever stands to the left of the entries the
/// trusted hops wrote came from the client, who can write anything there.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    /// <summary>
    /// The header the platform's front end appends the client to: <c>X-Forwarded-For</c> on Azure
    /// Functions and App Service. Empty: the socket's peer, for a host that faces clients itself.
    /// </summary>
    public string Header { get; set; } = "X-Forwarded-For";

    /// <summary>
    /// How many proxies of ours append to the header: 1 for the platform's front end alone, 2 with
    /// Azure Front Door or an Application Gateway before it. The client is the entry that many from
    /// the right.
    /// </summary>
    public int TrustedHops { get; set; } = 1;

    /// <summary>The entry the trusted hops vouch for, from the header's value; null when there is none.</summary>
    public string? Pick(string headerValue)
    {
        var entries = (headerValue ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Fewer entries than hops: every entry was written by a trusted hop, and the leftmost saw the client.
        return entries.Length == 0 ? null : entries[Math.Max(0, entries.Length - TrustedHops)];
    }
}
