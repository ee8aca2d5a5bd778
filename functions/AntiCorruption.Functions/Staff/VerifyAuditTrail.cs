using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// GET /api/staff/audit/verify: the whole trail's hash chain checked end to end. The trail holds
/// every region's records, so only head office (<c>Region.All</c>) may run it.
/// </summary>
internal sealed class VerifyAuditTrail(StaffAuthenticator authenticator, AuditVerifier verifier)
{
    [Function(nameof(VerifyAuditTrail))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/audit/verify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.AuditRead, async (staff, language) =>
        {
            if (!staff.Scope.IsAll)
            {
                return await StaffAccess.RefuseAsync(request, authenticator, staff, Problems.Forbidden(StaffRoles.AllRegions, language));
            }

            return ApiResult.Ok(await verifier.VerifyAsync(cancellationToken));
        });
    }
}
