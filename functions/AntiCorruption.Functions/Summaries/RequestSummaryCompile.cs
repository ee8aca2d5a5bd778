using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>POST /api/staff/summaries/{fiscalYear}/compile: 202, the compile of every scope runs from the queue; the request is audited first.</summary>
internal sealed class RequestSummaryCompile(StaffAuthenticator authenticator, SummaryArchive archive)
{
    [Function(nameof(RequestSummaryCompile))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/summaries/{fiscalYear}/compile")] HttpRequest request,
        string fiscalYear,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.SummariesRead, async (staff, language) =>
        {
            if (!FiscalYear.TryParse(fiscalYear, out var year))
            {
                return Problems.BadRequest("fiscalYear", Messages.InvalidFiscalYear, language);
            }

            await archive.RequestCompileAsync(staff, year, cancellationToken);
            return ApiResult.Accepted(new { fiscalYear = year.BuddhistYear, status = "queued" });
        });
    }
}
