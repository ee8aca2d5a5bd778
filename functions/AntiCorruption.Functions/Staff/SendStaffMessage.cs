using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/complaints/{id}/messages: body <c>{"text"}</c>, read by the reporter with their tracking code.</summary>
internal sealed class SendStaffMessage(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    [Function(nameof(SendStaffMessage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/messages")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, body, problem) = await StaffAccess.AuthorizeWithBodyAsync(request, authenticator, StaffRoles.ComplaintsManage, 32 * 1024, cancellationToken);
        if (staff is null)
        {
            return problem!;
        }

        using var json = body!;
        var language = RequestLanguage.Of(request);

        var (message, errors) = await complaints.SendMessageAsync(staff, id, json.Root, cancellationToken);
        return !errors.IsEmpty ? Problems.Validation(errors, language)
            : message is null ? Problems.NotFound(GetComplaint.NoSuchComplaint, language)
            : new ApiResult(StatusCodes.Status201Created, message);
    }
}
