using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// GET /api/staff/complaints?fiscalYear=&amp;region=&amp;status=&amp;category=&amp;province=&amp;overdue=&amp;q=&amp;from=&amp;to=&amp;pageSize=&amp;continuationToken=:
/// the officer's scope, newest first, with overdue flags and never a reporter's identity.
/// </summary>
internal sealed class ListComplaints(StaffAuthenticator authenticator, StaffComplaintList complaints)
{
    [Function(nameof(ListComplaints))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.ComplaintsRead, async (staff, language) =>
        {
            var (page, errors) = await complaints.ListAsync(staff, QueryParameters.Of(request), cancellationToken);
            return page is null ? Problems.Validation(errors, language) : ApiResult.Ok(page);
        });
    }
}
