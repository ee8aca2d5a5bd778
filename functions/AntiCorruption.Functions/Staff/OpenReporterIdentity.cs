using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/complaints/{id}/identity: body <c>{"reason"}</c>; the reporter's identity, the reason audited first.</summary>
internal sealed class OpenReporterIdentity(StaffAuthenticator authenticator, ReporterIdentityAccess identities)
{
    [Function(nameof(OpenReporterIdentity))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/identity")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsIdentity,
            (staff, json) => identities.OpenAsync(staff, id, json, cancellationToken),
            ApiResult.Ok,
            cancellationToken);
    }
}
