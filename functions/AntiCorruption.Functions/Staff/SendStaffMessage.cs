using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/complaints/{id}/messages: body <c>{"text"}</c>, read by the reporter with their tracking code.</summary>
internal sealed class SendStaffMessage(StaffAuthenticator authenticator, StaffCaseChanges complaints)
{
    [Function(nameof(SendStaffMessage))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/messages")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => complaints.SendMessageAsync(staff, id, json, cancellationToken),
            message => new ApiResult(StatusCodes.Status201Created, message),
            cancellationToken);
    }
}
