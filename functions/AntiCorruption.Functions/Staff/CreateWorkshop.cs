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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/workshops")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (staff, body, problem) = await StaffAccess.AuthorizeWithBodyAsync(request, authenticator, StaffRoles.WorkshopsManage, 16 * 1024, cancellationToken);
        if (staff is null)
        {
            return problem!;
        }

        using var json = body!;

        var (workshop, errors) = await workshops.CreateAsync(staff, json.Root, cancellationToken);
        return workshop is null ? Problems.Validation(errors, RequestLanguage.Of(request)) : new ApiResult(StatusCodes.Status201Created, workshop);
    }
}
