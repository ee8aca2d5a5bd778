using AntiCorruption.Core.Abuse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions.Http;

/// <summary>The per-client limits of the public routes, for the caller of a request.</summary>
public sealed class PublicRouteLimits(ClientRateLimits limits, IOptions<ClientAddressOptions> addresses)
{
    public ClientRateLimits Limits { get; } = limits;

    public string ClientOf(HttpRequest request) => ClientAddress.Of(request, addresses.Value);

    /// <summary>Takes one use of the action for the caller: null when it may go on, else the 429 to answer.</summary>
    public async Task<ApiResult?> RefuseAsync(HttpRequest request, RateLimitedAction action, CancellationToken cancellationToken)
    {
        var decision = await Limits.TryAcquireAsync(action, ClientOf(request), cancellationToken);
        return decision.Allowed ? null : Problems.TooManyRequests(decision.RetryAfter, RequestLanguage.Of(request));
    }
}
