using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Statistics;

/// <summary>
/// GET /api/public/statistics?fiscalYear=: one fiscal year's public figures, as the summary
/// compile wrote them (nothing is counted per request), with the years there are. Without
/// <c>fiscalYear</c>, the current year, or the newest before it while the current one has no
/// whole month yet. Cacheable: the figures change at most once a day.
/// </summary>
internal sealed class PublicStatistics(PublicStatisticsStore store, PublicRouteLimits limits)
{
    [Function(nameof(PublicStatistics))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/statistics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) is { } refused)
        {
            return refused;
        }

        var lookup = await store.FindAsync(QueryParameters.Of(request)("fiscalYear"), cancellationToken);
        var language = RequestLanguage.Of(request);
        switch (lookup.Outcome)
        {
            case StatisticsOutcome.Found:
                var found = ApiResult.Ok(lookup.Statistics!);
                found.Headers["Cache-Control"] = StatisticsProblems.CacheControl;
                return found;
            case StatisticsOutcome.BadYear:
                return Problems.BadRequest("fiscalYear", Messages.InvalidFiscalYear, language);
            case StatisticsOutcome.NotCompiled:
                return Problems.NotFound(StatisticsProblems.NotCompiled(lookup.FiscalYear!.Value), language);
            default:
                return Problems.NotFound(StatisticsProblems.NothingPublished, language);
        }
    }
}
