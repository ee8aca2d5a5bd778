using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// GET /api/staff/registrations/{id} (DataRequests.Manage): everything held about one
/// registration, as a JSON file to send to the person who asked (<c>Content-Disposition:
/// attachment</c>); audited before it is opened. Another region's registration is 404 as a missing one.
/// </summary>
internal sealed class ExportRegistration(StaffAuthenticator authenticator, RegistrationDataRequests requests)
{
    [Function(nameof(ExportRegistration))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/registrations/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.DataRequestsManage, async (staff, language) =>
        {
            var export = await requests.ExportAsync(staff, id, cancellationToken);
            if (export is null)
            {
                return Problems.NotFound(WorkshopProblems.NoSuchRegistrationId, language);
            }

            var answer = ApiResult.Ok(export);
            answer.Headers["Content-Disposition"] = $"attachment; filename=\"registration-{id[..12]}.json\"";
            return answer;
        });
    }
}
