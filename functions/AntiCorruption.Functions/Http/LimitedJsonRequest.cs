using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>The gate of the public routes that take a tracking code: the per-client limit first, then the JSON body.</summary>
public static class LimitedJsonRequest
{
    public static async Task<(JsonRequest? Body, ApiResult? Problem)> ReadAsync(
        HttpRequest request, PublicRouteLimits limits, RateLimitedAction action, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (await limits.RefuseAsync(request, action, cancellationToken) is { } tooMany)
        {
            return (null, tooMany);
        }

        var body = await JsonRequest.ReadAsync(request, maxBytes, cancellationToken);
        if (body.Problem is null)
        {
            return (body, null);
        }

        body.Dispose();
        return (null, body.Problem);
    }
}
