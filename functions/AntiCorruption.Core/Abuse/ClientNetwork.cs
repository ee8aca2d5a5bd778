using System.Net;
using System.Net.Sockets;

namespace AntiCorruption.Core.Abuse;

/// <summary>
/// Who counts as one client. An IPv4 address is one; an IPv6 address is counted by its /64, the
/// block one subscriber line or host gets (RFC 6177), since anyone with a /64 can use a fresh
/// address for every request.
/// </summary>
public static class ClientNetwork
{
    /// <summary>The client key of an address ("203.0.113.7", "203.0.113.7:51234", "[2001:db8::1]:443", "2001:db8::1"); null when it is not one.</summary>
    public static string? KeyOf(string address)
    {
        if (!IPEndPoint.TryParse(address.Trim(), out var endPoint))
        {
            return null;
        }

        var ip = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
