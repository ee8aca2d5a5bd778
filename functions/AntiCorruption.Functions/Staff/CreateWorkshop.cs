using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/workshops: 201 with the new workshop; fiscal year and region follow from start and province. Audited before it is stored.</summary>
internal sealed class CreateWorkshop(StaffAuthenticator authenticator, StaffWorkshops workshops)
{
    [Function(nameof(CreateWorkshop))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/workshops")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, StaffRoles.WorkshopsManage, 16 * 1024, async (staff, json, language) =>
        {
            var (workshop, errors) = await workshops.CreateAsync(staff, json, cancellationToken);
            return workshop is null ? Problems.Validation(errors, language) : new ApiResult(StatusCodes.Status201Created, workshop);
        }, cancellationToken);
    }
}
