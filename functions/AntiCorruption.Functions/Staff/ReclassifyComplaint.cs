using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// PATCH /api/staff/complaints/{id}: body <c>{"reason"}</c> with any of <c>{"category","province","agency"}</c>;
/// a province of another region transfers the case there. 200 with the case summary.
/// </summary>
internal sealed class ReclassifyComplaint(StaffAuthenticator authenticator, CaseReclassification reclassification)
{
    [Function(nameof(ReclassifyComplaint))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/complaints/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => reclassification.ReclassifyAsync(staff, id, json, cancellationToken),
            ApiResult.Ok,
            cancellationToken);
    }
}
