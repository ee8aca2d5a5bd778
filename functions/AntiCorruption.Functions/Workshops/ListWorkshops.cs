using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Workshops;

/// <summary>GET /api/workshops: workshops open for registration, soonest first, with seats remaining.</summary>
internal sealed class ListWorkshops(WorkshopCatalog workshops, PublicRouteLimits limits)
{
    [Function(nameof(ListWorkshops))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workshops")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) ?? ApiResult.Ok(await workshops.ListOpenAsync(cancellationToken));
}
