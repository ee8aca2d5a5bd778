using System.Text.Json;
using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

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

    /// <summary>The limit and the body, then the route's work, handed the body and the language to answer in.</summary>
    public static async Task<IActionResult> RunAsync(
        HttpRequest request,
        PublicRouteLimits limits,
        RateLimitedAction action,
        int maxBytes,
        Func<JsonElement, Language, Task<IActionResult>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (body, problem) = await ReadAsync(request, limits, action, maxBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            return await work(body.Root, RequestLanguage.Of(request));
        }
    }
}
