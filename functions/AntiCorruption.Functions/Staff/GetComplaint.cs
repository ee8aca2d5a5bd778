using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>GET /api/staff/complaints/{id}: the whole case, opened (audited), with 15-minute links to its files.</summary>
internal sealed class GetComplaint(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    internal static readonly LocalizedText NoSuchComplaint = new("ไม่พบเรื่องร้องเรียนนี้", "No complaint has this id.");

    [Function(nameof(GetComplaint))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAsync(request, authenticator, StaffRoles.ComplaintsRead);
        if (staff is null)
        {
            return problem!;
        }

        var view = await complaints.GetAsync(staff, id, cancellationToken);
        return view is null ? Problems.NotFound(NoSuchComplaint, RequestLanguage.Of(request)) : ApiResult.Ok(view);
    }
}
