using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Statistics;

/// <summary>
/// GET (and HEAD) /api/statistics?fiscalYear=&amp;lang=: the public figures as a page, drawn on the
/// server (no script), Thai unless <c>lang=en</c>. Its year links list only the years there are,
/// so a year with no figures (404) or one that is not a year (400) comes only from an edited URL,
/// and is answered as every error of the API is, with problem details. Before anything is
/// published, the page itself says so.
/// </summary>
internal sealed class StatisticsPage(PublicStatisticsStore store, StatisticsPageContent content, PublicRouteLimits limits)
{
    [Function(nameof(StatisticsPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "statistics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await limits.RefuseAsync(request, RateLimitedAction.Read, cancellationToken) is { } refused)
        {
            return refused;
        }

        var query = QueryParameters.Of(request);
        var english = query("lang") == "en";
        var lookup = await store.FindAsync(query("fiscalYear"), cancellationToken);
        var language = english ? Language.English : RequestLanguage.Of(request);
        return lookup.Outcome switch
        {
            StatisticsOutcome.BadYear => Problems.BadRequest("fiscalYear", Messages.InvalidFiscalYear, language),
            StatisticsOutcome.NotCompiled => Problems.NotFound(StatisticsProblems.NotCompiled(lookup.FiscalYear!.Value), language),
            // Found, or nothing published yet (no year asked for): the page says which.
            _ => new StatisticsPageResult(lookup.Outcome == StatisticsOutcome.Found, content.Render(lookup, english)),
        };
    }
}

/// <summary>
/// The page with the headers of the other public pages (<see cref="PageResult"/>), except that a
/// page of figures may be cached: it holds nothing of the reader's, and is the same for all.
/// </summary>
internal sealed class StatisticsPageResult(bool cacheable, HtmlPage page) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        ResponseHeaders.SetPrivate(response);
        if (cacheable)
        {
            response.Headers.CacheControl = StatisticsProblems.CacheControl;
        }

        response.Headers["Content-Security-Policy"] = page.ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Permissions-Policy"] = page.PermissionsPolicy;
        response.Headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
        var body = System.Text.Encoding.UTF8.GetBytes(page.Html);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }
}
