using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// PUT /api/staff/complaints/{id}/legal-hold (Complaints.Manage), body <c>{"hold","reason"}</c>:
/// places or lifts a legal hold, audited with its reason first; while it stands the reporter
/// cannot turn the case anonymous and is told why.
/// </summary>
internal sealed class SetLegalHold(StaffAuthenticator authenticator, LegalHolds holds)
{
    [Function(nameof(SetLegalHold))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/complaints/{id}/legal-hold")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffCaseRoute.RunAsync(
            request,
            authenticator,
            StaffRoles.ComplaintsManage,
            (staff, json) => holds.SetAsync(staff, id, json, cancellationToken),
            ApiResult.Ok,
            cancellationToken);
    }
}
