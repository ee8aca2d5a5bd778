using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>GET /api/staff/audit?from=&amp;to=&amp;actor=&amp;complaintId=&amp;action=&amp;pageSize=&amp;continuationToken=: the trail in the reader's scope, newest first.</summary>
internal sealed class ListAuditRecords(StaffAuthenticator authenticator, AuditQuery audit)
{
    [Function(nameof(ListAuditRecords))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.AuditRead, async (staff, language) =>
        {
            var (page, errors) = await audit.ListAsync(staff, QueryParameters.Of(request), cancellationToken);
            return page is null ? Problems.Validation(errors, language) : ApiResult.Ok(page);
        });
    }
}
