using Microsoft.Net.Http.Headers;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// Whether a <c>Content-Type</c> names JSON in UTF-8: <c>application/json</c> or a <c>+json</c>
/// type, in any letter case, with any parameters. A charset may be quoted
/// (<c>charset="utf-8"</c> is the same value as <c>charset=utf-8</c>, RFC 9110 section 5.6.6);
/// when given it must be UTF-8, since the body is read as nothing else.
/// </summary>
public static class JsonMediaType
{
    public static bool Accepts(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        return isJson && media.Parameters
            .Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            .All(p => HeaderUtilities.UnescapeAsQuotedString(p.Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
