using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/complaints/{id}/notes: body <c>{"text"}</c>, an internal note, never shown to the reporter.</summary>
internal sealed class AddInternalNote(StaffAuthenticator authenticator, StaffCaseChanges complaints)
{
    [Function(nameof(AddInternalNote))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/notes")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => complaints.AddNoteAsync(staff, id, json, cancellationToken),
            note => new ApiResult(StatusCodes.Status201Created, note),
            cancellationToken);
    }
}
