using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>GET /api/workshops/{id}: one workshop, open or not.</summary>
internal sealed class GetWorkshop(WorkshopCatalog workshops, PublicRouteLimits limits)
{
    [Function(nameof(GetWorkshop))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workshops/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var workshop = await workshops.GetAsync(id, cancellationToken);
        return workshop is null ? Problems.NotFound(WorkshopProblems.NoSuchWorkshop, RequestLanguage.Of(request)) : ApiResult.Ok(workshop);
    }
}
