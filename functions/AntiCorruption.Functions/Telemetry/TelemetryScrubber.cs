using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Tracking;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// The rules every span and log record passes before it leaves the app (defence in depth: nothing
/// here should ever find anything, since no code puts personal data, codes or addresses in
/// telemetry; this is what catches the day something does).
/// <list type="bullet">
/// <item>Attributes that name a person, a client or a request's content are removed, by key: the
/// client's address and port, the user agent, the query string, headers, bodies, <c>enduser.*</c>,
/// and any key that speaks of an email, phone, code, reporter, token or secret.</item>
/// <item>URLs lose their query and fragment; a path segment that is a complaint id becomes
/// <c>{id}</c> (ids are ULIDs that start with the receipt time), and table entity keys
/// <c>(PartitionKey=…,RowKey=…)</c> become <c>(…)</c> (they are ids and keyed hashes of codes).</item>
/// <item>In every remaining text, what looks like an email address, an IP address, a tracking or
/// confirmation code, a Thai phone number or a 13-digit national id is replaced by a marker.</item>
/// </list>
/// </summary>
internal static partial class TelemetryScrubber
{
    private static readonly FrozenSet<string> DroppedKeys = new[]
    {
        "client.address", "client.port", "client.socket.address", "client.socket.port", "http.client_ip",
        "net.peer.ip", "net.peer.name", "net.peer.port", "net.sock.peer.addr", "net.sock.peer.port", "net.sock.peer.name",
        "network.peer.address", "network.peer.port", "user_agent.original", "user_agent.name", "http.user_agent",
        "url.query", "http.request.body", "http.response.body", "messaging.message.body", "db.query.text", "db.statement",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DroppedPrefixes = ["http.request.header.", "http.response.header.", "enduser.", "user.", "client.", "baggage."];

    /// <summary>Words that mark a key as personal or secret, matched in the key lower-cased without separators.</summary>
    private static readonly string[] SuspectWords =
    [
        "email", "phone", "trackingcode", "confirmationcode", "nationalid", "reporter", "lineuser", "fullname",
        "password", "secret", "token", "cookie", "authorization", "useragent", "clientip", "clientaddress",
        "peerip", "peeraddr", "forwardedfor", "requestbody", "responsebody", "messagebody",
    ];

    /// <summary>Keys whose value is a URL or a path.</summary>
    private static readonly FrozenSet<string> UrlKeys = new[]
    {
        "url.full", "http.url", "url.path", "http.target", "url.original", "http.route",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsDropped(string key)
    {
        if (DroppedKeys.Contains(key) || DroppedPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        Span<char> folded = stackalloc char[Math.Min(key.Length, 256)];
        var length = 0;
        foreach (var c in key.AsSpan(0, folded.Length))
        {
            if (char.IsLetterOrDigit(c))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        var text = folded[..length];
        foreach (var word in SuspectWords)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keys whose values the SDKs make themselves (request GUIDs, constants): nothing of a request can be in them.</summary>
    private static readonly FrozenSet<string> SdkKeys = new[]
    {
        "az.client_request_id", "az.service_request_id", "az.schema_url", "az.namespace", "http.request.method", "url.scheme",
        "network.protocol.version", "messaging.system", "messaging.operation.type", "faas.trigger", "faas.name",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The value of attribute <paramref name="key"/> as it may leave: URLs reduced first, then <see cref="Text"/>.</summary>
    public static string Value(string key, string value) =>
        SdkKeys.Contains(key) ? value : Text(UrlKeys.Contains(key) ? Url(value) : value);

    /// <summary>A URL or path without query or fragment, with ids and entity keys replaced.</summary>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        if (!path.Contains('/', StringComparison.Ordinal))
        {
            return Segment(path);
        }

        return string.Join('/', path.Split('/').Select(Segment));
    }

    private static string Segment(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0 && segment.EndsWith(')'))
        {
            return segment[..(open + 1)] + "…)";
        }

        return segment.Length == 26 && ComplaintIds.IsValid(segment.ToUpperInvariant()) ? "{id}" : segment;
    }

    /// <summary>
    /// Text with what looks personal replaced: email addresses, IP addresses, tracking or
    /// confirmation codes, Thai phone numbers, 13-digit national ids. Returns the same string when
    /// nothing was found.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 7)
        {
            return text;
        }

        // Every span passes here several times: each pattern is tried only when the text has what
        // it needs (an @, enough digits, two colons, twenty characters).
        var digits = 0;
        var colons = 0;
        foreach (var c in text)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            colons += c == ':' ? 1 : 0;
        }

        var result = text;
        if (text.Contains('@', StringComparison.Ordinal))
        {
            result = Email().Replace(result, "[email]");
        }

        if (digits >= 4 && text.Contains('.', StringComparison.Ordinal))
        {
            result = IPv4().Replace(result, m => IPAddress.TryParse(m.Value, out _) ? "[ip]" : m.Value);
        }

        if (colons >= 2)
        {
            result = IPv6().Replace(result, m => m.Value.Count(c => c == ':') >= 2
                && IPAddress.TryParse(m.Value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? "[ip]" : m.Value);
        }

        if (text.Length >= 20)
        {
            result = Code().Replace(result, m => IssuedCodes.TryNormalize(m.Value, out _) ? "[code]" : m.Value);
        }

        if (digits >= 9)
        {
            result = NationalId().Replace(result, "[number]");
            result = Phone().Replace(result, "[phone]");
        }

        return result == text ? text : result;
    }

    [GeneratedRegex(@"[^\s@""'<>(),;:\[\]]+@[^\s@""'<>(),;:\[\]]+\.[^\s@""'<>(),;:\[\]]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])")]
    private static partial Regex IPv6();

    /// <summary>
    /// 20 symbols, in groups of four or not (<see cref="IssuedCodes"/>), not part of a longer word
    /// or of a longer dashed token (a GUID's first 20 symbols are not a code).
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?:[- ]?[0-9A-Za-z]{4}){4}(?![0-9A-Za-z]|-[0-9A-Za-z])")]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12}(?!\d)")]
    private static partial Regex NationalId();

    /// <summary>Thai numbers: 0 or +66, then 8 or 9 digits, spaces or dashes between.</summary>
    [GeneratedRegex(@"(?<![\d+])(?:\+66|0)(?:[ -]?\d){8,9}(?!\d)")]
    private static partial Regex Phone();
}
