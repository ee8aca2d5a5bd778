using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// GET /api/staff/workshops?fiscalYear=: every workshop of the year (the current one by default)
/// in the officer's regions, past ones too, with seat counts. Organisers and door staff.
/// </summary>
internal sealed class ListStaffWorkshops(StaffAuthenticator authenticator, StaffWorkshops workshops, TimeProvider time)
{
    [Function(nameof(ListStaffWorkshops))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/workshops")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, [StaffRoles.WorkshopsManage, StaffRoles.WorkshopsCheckIn], async (staff, language) =>
        {
            var text = request.Query["fiscalYear"].ToString();
            var year = FiscalYear.Of(time.GetUtcNow());
            if (text.Length > 0 && !FiscalYear.TryParse(text, out year))
            {
                return Problems.BadRequest("fiscalYear", Messages.InvalidFiscalYear, language);
            }

            return ApiResult.Ok(await workshops.ListAsync(staff.Scope, year, cancellationToken));
        });
    }
}
