using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// POST /api/staff/workshops/{id}/checkins: body <c>{"confirmationCode"}</c> from the QR scan;
/// 200, 409 or 404. Organisers and door staff (<c>Workshops.CheckIn</c>) of the workshop's region; audited first.
/// </summary>
internal sealed class CheckInAttendee(StaffAuthenticator authenticator, StaffWorkshops workshops)
{
    [Function(nameof(CheckInAttendee))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/workshops/{id}/checkins")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunWithBodyAsync(request, authenticator, [StaffRoles.WorkshopsManage, StaffRoles.WorkshopsCheckIn], 4 * 1024, async (staff, json, language) =>
        {
            var errors = new ValidationErrors();
            var code = JsonFields.ForBody(json, errors)?.Text("confirmationCode", required: true, 64);
            if (code is null)
            {
                return Problems.Validation(errors, language);
            }

            // Another region's workshop answers as a code that is not on its list.
            var door = await workshops.CheckInAsync(staff, id, code, cancellationToken);
            return door.Result switch
            {
                CheckInResult.CheckedIn => ApiResult.Ok(new { status = "checked_in", checkedInAt = door.At, fullName = door.FullName }),
                CheckInResult.AlreadyCheckedIn => Problems.Conflict("already-checked-in", WorkshopProblems.AlreadyCheckedIn, language)
                    .With("checkedInAt", door.At).With("fullName", door.FullName),
                CheckInResult.NotConfirmed => Problems.Conflict("not-confirmed", WorkshopProblems.NotConfirmed, language).With("fullName", door.FullName),
                _ => Problems.NotFound(WorkshopProblems.NoSuchRegistration, language),
            };
        }, cancellationToken);
    }
}
