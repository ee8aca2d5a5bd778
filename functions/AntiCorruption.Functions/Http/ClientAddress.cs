using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// The caller's address, for rate limiting only (it is never logged or stored). Behind Azure's
/// front ends the socket peer is the front end, which appends the real client as the last entry
/// of <c>X-Forwarded-For</c>; earlier entries are whatever the client claimed and are ignored.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded.Split(',')[^1].Trim();
            // "203.0.113.7:51234" -> "203.0.113.7"; IPv6 stays as it is.
            return last.Count(c => c == ':') == 1 ? last[..last.IndexOf(':', StringComparison.Ordinal)] : last;
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
