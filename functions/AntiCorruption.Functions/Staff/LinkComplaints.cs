using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/staff/complaints/{id}/links: body <c>{"otherId","relation"}</c>; 201 with the link,
/// 200 when the two cases were already linked so; 404 when either case is not there for this person.
/// </summary>
internal sealed class LinkComplaints(StaffAuthenticator authenticator, CaseLinking linking)
{
    [Function(nameof(LinkComplaints))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/links")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => linking.LinkAsync(staff, id, json, cancellationToken),
            result => new ApiResult(result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, result.Link),
            cancellationToken);
    }
}
