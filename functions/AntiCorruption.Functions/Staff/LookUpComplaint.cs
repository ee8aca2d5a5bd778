using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/staff/complaints/lookup: body <c>{"trackingCode"}</c>, for a reporter on the phone,
/// or <c>{"reference"}</c>, for a row of an export or an event; 200 <c>{"id"}</c>, or 404 when no
/// case in the officer's scope has it. The code goes in the body, never the URL: it is the reporter's secret.
/// </summary>
internal sealed class LookUpComplaint(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    [Function(nameof(LookUpComplaint))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/lookup")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsRead,
            (staff, json) => complaints.LookUpAsync(staff, json, cancellationToken),
            ApiResult.Ok,
            cancellationToken);
    }
}
