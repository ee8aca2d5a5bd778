using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Storage;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>GET /api/health: 200 when tables, queues and blobs all answer, else 503 naming the failing check.</summary>
internal sealed class Health(StorageHealth health, PublicRouteLimits limits)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var report = await health.CheckAsync(cancellationToken);
        return new ApiResult(
            report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            new { status = report.IsHealthy ? "healthy" : "unhealthy", checks = report.Checks });
    }
}
