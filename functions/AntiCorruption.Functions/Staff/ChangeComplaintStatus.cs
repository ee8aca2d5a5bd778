using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>PATCH /api/staff/complaints/{id}/status: body <c>{"status","note","public"}</c>; a public note reaches the reporter.</summary>
internal sealed class ChangeComplaintStatus(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    [Function(nameof(ChangeComplaintStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/complaints/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAsync(request, authenticator, StaffRoles.ComplaintsManage);
        if (staff is null)
        {
            return problem!;
        }

        var language = RequestLanguage.Of(request);
        using var body = await JsonRequest.ReadAsync(request, 32 * 1024, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (complaint, errors) = await complaints.ChangeStatusAsync(staff, id, body.Root, cancellationToken);
        return !errors.IsEmpty ? Problems.Validation(errors, language)
            : complaint is null ? Problems.NotFound(GetComplaint.NoSuchComplaint, language)
            : ApiResult.Ok(complaint);
    }
}
