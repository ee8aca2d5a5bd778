using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>PUT /api/staff/complaints/{id}/assignee: body <c>{"assignee"}</c>, "me", a staff id or null; 200 with the case summary.</summary>
internal sealed class AssignComplaint(StaffAuthenticator authenticator, CaseAssignment assignment)
{
    [Function(nameof(AssignComplaint))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/complaints/{id}/assignee")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => assignment.AssignAsync(staff, id, json, cancellationToken),
            ApiResult.Ok,
            cancellationToken);
    }
}
