using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>PATCH /api/staff/workshops/{id}: any of the create fields; a higher capacity promotes the waitlist in order. Audited before it changes anything.</summary>
internal sealed class UpdateWorkshop(StaffAuthenticator authenticator, StaffWorkshops workshops)
{
    [Function(nameof(UpdateWorkshop))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/workshops/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, StaffRoles.WorkshopsManage, 16 * 1024, async (staff, json, language) =>
        {
            var (workshop, errors, found) = await workshops.UpdateAsync(staff, id, json, cancellationToken);
            return !found ? Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language)
                : workshop is null ? Problems.Validation(errors, language)
                : ApiResult.Ok(workshop);
        }, cancellationToken);
    }
}
