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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/identity")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, body, problem) = await StaffAccess.AuthorizeWithBodyAsync(request, authenticator, StaffRoles.ComplaintsIdentity, 8 * 1024, cancellationToken);
        if (staff is null)
        {
            return problem!;
        }

        using var json = body!;
        var language = RequestLanguage.Of(request);
        var (identity, errors) = await identities.OpenAsync(staff, id, json.Root, cancellationToken);
        return !errors.IsEmpty ? Problems.Validation(errors, language)
            : identity is null ? Problems.NotFound(GetComplaint.NoSuchComplaint, language)
            : ApiResult.Ok(identity);
    }
}
