using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>GET /api/staff/complaints/{id}: the whole case, opened (audited), with 15-minute links to its files.</summary>
internal sealed class GetComplaint(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    [Function(nameof(GetComplaint))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.ComplaintsRead, async (staff, language) =>
        {
            var view = await complaints.GetAsync(staff, id, cancellationToken);
            return view is null ? Problems.NotFound(StaffCaseRoute.NoSuchComplaint, language) : ApiResult.Ok(view);
        });
    }
}
