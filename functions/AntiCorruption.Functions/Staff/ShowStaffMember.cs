using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>GET /api/staff/me: who the token says the caller is, and the regions it covers (what a workspace shows and offers).</summary>
internal sealed class ShowStaffMember(StaffAuthenticator authenticator)
{
    [Function(nameof(ShowStaffMember))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/me")] HttpRequest request)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAnyAsync(request, authenticator, [.. StaffRoles.Duties]);
        return staff is null
            ? problem!
            : ApiResult.Ok(new StaffIdentityView(staff.Id, staff.Name, [.. staff.Roles.Order(StringComparer.Ordinal)], staff.Scope.Regions));
    }
}
