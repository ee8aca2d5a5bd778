using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>The gate of the public routes that take a tracking code: the per-client limit first, then the JSON body.</summary>
public static class LimitedJsonRequest
{
    public static async Task<(JsonRequest? Body, ApiResult? Problem)> ReadAsync(
        HttpRequest request, ClientRateLimits limits, RateLimitedAction action, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!limits.TryAcquire(action, ClientAddress.Of(request), out var retryAfter))
        {
            return (null, Problems.TooManyRequests(retryAfter, RequestLanguage.Of(request)));
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
