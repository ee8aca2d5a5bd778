using AntiCorruption.Core.Staff;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>POST /api/staff/complaints/{id}/notes: body <c>{"text"}</c>, an internal note, never shown to the reporter.</summary>
internal sealed class AddInternalNote(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    [Function(nameof(AddInternalNote))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/notes")] HttpRequest request,
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

        var (note, errors) = await complaints.AddNoteAsync(staff, id, json.Root, cancellationToken);
        return !errors.IsEmpty ? Problems.Validation(errors, language)
            : note is null ? Problems.NotFound(GetComplaint.NoSuchComplaint, language)
            : new ApiResult(StatusCodes.Status201Created, note);
    }
}
