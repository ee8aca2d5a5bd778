using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Secrets;
using AntiCorruption.Core.Storage;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Operations;

/// <summary>
/// GET /api/health: 200 when tables, queues and blobs all answer, else 503 naming the failing check.
/// When settings started as unresolved Key Vault references, a <c>secrets</c> check says which are
/// still pending and why, until the app has read them all.
/// </summary>
internal sealed class Health(StorageHealth health, PendingSecrets secrets, PublicRouteLimits limits)
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
        if (secrets.AnyAtStart)
        {
            report = report with { Checks = new Dictionary<string, string>(report.Checks) { ["secrets"] = secrets.Report() } };
        }

        return new ApiResult(
            report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            new { status = report.IsHealthy ? "healthy" : "unhealthy", checks = report.Checks });
    }
}
