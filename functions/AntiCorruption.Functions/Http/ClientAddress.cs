using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// The caller as the rate limits count it (never logged or stored): the address the trusted hops
/// of <see cref="ClientAddressOptions"/> vouch for, keyed by <see cref="ClientNetwork"/> (an IPv6
/// address by its /64). Without a trustworthy entry it is the socket's peer.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpRequest request, ClientAddressOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Header.Length > 0
            && options.Pick(request.Headers[options.Header].ToString()) is { } entry
            && ClientNetwork.KeyOf(entry) is { } client)
        {
            return client;
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } peer
            ? ClientNetwork.KeyOf(peer.ToString()) ?? "unknown"
            : "unknown";
    }
}
