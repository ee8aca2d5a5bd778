using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>PATCH /api/staff/workshops/{id}: any of the create fields; a higher capacity promotes the waitlist in order.</summary>
internal sealed class UpdateWorkshop(StaffAuthenticator authenticator, WorkshopCatalog workshops, WorkshopValidator validator, RegistrationDesk desk)
{
    [Function(nameof(UpdateWorkshop))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "staff/workshops/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, body, problem) = await StaffAccess.AuthorizeWithBodyAsync(request, authenticator, StaffRoles.WorkshopsManage, 16 * 1024, cancellationToken);
        if (staff is null)
        {
            return problem!;
        }

        using var json = body!;
        var language = RequestLanguage.Of(request);
        var existing = await workshops.FindInScopeAsync(id, staff.Scope, cancellationToken);
        if (existing is null)
        {
            return Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language);
        }

        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(json.Root, errors);
        var changed = fields is null ? null : validator.Read(fields, existing);
        if (changed is null)
        {
            return Problems.Validation(errors, language);
        }

        // The ledger first: if the new capacity is below the seats already confirmed, nothing changes.
        if (!await desk.SetCapacityAsync(id, changed.Capacity, cancellationToken))
        {
            return Problems.Validation(ValidationErrors.For("capacity", Messages.CapacityBelowConfirmed), language);
        }

        await workshops.ReplaceAsync(changed, cancellationToken);
        return ApiResult.Ok((await workshops.GetAsync(id, cancellationToken))!);
    }
}
