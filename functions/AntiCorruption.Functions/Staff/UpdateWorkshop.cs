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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/workshops/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, body, problem) = await StaffAccess.AuthorizeWithBodyAsync(request, authenticator, StaffRoles.WorkshopsManage, 16 * 1024, cancellationToken);
        if (staff is null)
        {
            return problem!;
        }

        using var json = body!;
        var language = RequestLanguage.Of(request);
        var (workshop, errors, found) = await workshops.UpdateAsync(staff, id, json.Root, cancellationToken);
        return !found ? Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language)
            : workshop is null ? Problems.Validation(errors, language)
            : ApiResult.Ok(workshop);
    }
}
