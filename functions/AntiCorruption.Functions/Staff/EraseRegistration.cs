using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/staff/registrations/{id}/erase (DataRequests.Manage), body <c>{"reason"}</c> (the
/// letter's reference): erases the registration's personal fields as a withdrawal of consent
/// does, audited with the reason first; the answer says what was erased and kept. Again is harmless.
/// </summary>
internal sealed class EraseRegistration(StaffAuthenticator authenticator, RegistrationDataRequests requests)
{
    [Function(nameof(EraseRegistration))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/registrations/{id}/erase")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, StaffRoles.DataRequestsManage, 4 * 1024, async (staff, json, language) =>
        {
            var (outcome, errors) = await requests.EraseAsync(staff, id, json, cancellationToken);
            return !errors.IsEmpty ? Problems.Validation(errors, language)
                : outcome is null ? Problems.NotFound(WorkshopProblems.NoSuchRegistrationId, language)
                : ApiResult.Ok(ErasureAnswer.Of(outcome, language));
        }, cancellationToken);
    }
}
