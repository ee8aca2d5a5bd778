using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/staff/registrations/find (DataRequests.Manage), body <c>{"phone"}</c>,
/// <c>{"email"}</c> or <c>{"nationalId"}</c>: a letter writer's registrations in the officer's
/// scope. The value travels in the body, never in a URL; each registration found is audited
/// before its name is shown.
/// </summary>
internal sealed class FindRegistrations(StaffAuthenticator authenticator, RegistrationDataRequests requests)
{
    [Function(nameof(FindRegistrations))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/registrations/find")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, StaffRoles.DataRequestsManage, 4 * 1024, async (staff, json, language) =>
        {
            var (matches, errors) = await requests.FindAsync(staff, json, cancellationToken);
            return matches is null ? Problems.Validation(errors, language) : ApiResult.Ok(matches);
        }, cancellationToken);
    }
}
