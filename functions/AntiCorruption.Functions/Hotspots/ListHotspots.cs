using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Hotspots;

/// <summary>
/// GET /api/staff/hotspots?fiscalYear=: agencies and provinces whose complaints rose well above
/// their baseline, as the officer's scope may see them (see <see cref="HotspotViews"/>).
/// </summary>
internal sealed class ListHotspots(StaffAuthenticator authenticator, HotspotScan scan, TimeProvider time)
{
    [Function(nameof(ListHotspots))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/hotspots")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.ComplaintsRead, async (staff, language) =>
        {
            var text = request.Query["fiscalYear"].ToString();
            var year = FiscalYear.Of(time.GetUtcNow());
            if (text.Length > 0 && !FiscalYear.TryParse(text, out year))
            {
                return Problems.BadRequest("fiscalYear", Messages.InvalidFiscalYear, language);
            }

            return ApiResult.Ok(await scan.ListAsync(year, staff.Scope, cancellationToken));
        });
    }
}
