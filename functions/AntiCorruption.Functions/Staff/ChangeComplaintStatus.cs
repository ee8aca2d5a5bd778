using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// PATCH /api/staff/complaints/{id}/status: body <c>{"status","note","public"}</c>; a public note
/// reaches the reporter; 409 for a move the case's status does not allow.
/// </summary>
internal sealed class ChangeComplaintStatus(StaffAuthenticator authenticator, StaffCaseChanges complaints)
{
    [Function(nameof(ChangeComplaintStatus))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/complaints/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, StaffRoles.ComplaintsManage, 32 * 1024, async (staff, json, language) =>
        {
            var (complaint, errors, refusedFrom) = await complaints.ChangeStatusAsync(staff, id, json, cancellationToken);
            return !errors.IsEmpty ? Problems.Validation(errors, language)
                : refusedFrom is { } from ? Problems.StatusMoveRefused(from, ComplaintStatusMoves.From(from), language)
                : complaint is null ? Problems.NotFound(StaffCaseRoute.NoSuchComplaint, language)
                : ApiResult.Ok(complaint);
        }, cancellationToken);
    }
}
