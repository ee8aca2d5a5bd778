using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/local/staff-token: the workspace's sign-in on a developer's machine (see
/// <see cref="LocalSignIn"/>). In Azure, or with no development key, it answers 404 like a route
/// that does not exist.
/// </summary>
internal sealed class SignInLocally(LocalSignIn signIn, PublicRouteLimits limits)
{
    private static readonly LocalizedText NoSuchRoute = new("ไม่มีเส้นทางนี้", "There is no such route.");

    [Function(nameof(SignInLocally))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "local/staff-token")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (!signIn.IsAvailable)
        {
            return Problems.NotFound(NoSuchRoute, language);
        }

        var (body, problem) = await LimitedJsonRequest.ReadAsync(request, limits, RateLimitedAction.Read, 4_096, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var (token, errors) = signIn.Issue(body.Root);
            return token is null ? Problems.Validation(errors, language) : ApiResult.Ok(token);
        }
    }
}
