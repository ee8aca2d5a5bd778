using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>What every answer carries: nothing the API returns may be cached or content-sniffed.</summary>
public static class ResponseHeaders
{
    public static void SetPrivate(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
    }
}
