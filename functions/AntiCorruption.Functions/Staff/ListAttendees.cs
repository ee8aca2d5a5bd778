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
/// GET /api/staff/workshops/{id}/attendees?format=json|csv|xlsx: the attendee list (CSV by
/// default). Door staff (<c>Workshops.CheckIn</c>) get the JSON list for their screen and no file
/// to carry away; organisers (<c>Workshops.Manage</c>) get all three. Every opening is audited
/// before a name is read.
/// </summary>
internal sealed class ListAttendees(StaffAuthenticator authenticator, StaffWorkshops workshops, AttendeeList attendees)
{
    private static readonly LocalizedText BadFormat = new("format ต้องเป็น json, csv หรือ xlsx", "Must be json, csv or xlsx.");

    [Function(nameof(ListAttendees))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/workshops/{id}/attendees")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, [StaffRoles.WorkshopsManage, StaffRoles.WorkshopsCheckIn], async (staff, language) =>
        {
            var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "csv";
            if (format is not ("json" or "csv" or "xlsx"))
            {
                return Problems.BadRequest("format", BadFormat, language);
            }

            // A file of names can leave the building; the door's screen list cannot.
            if (format != "json" && !staff.Has(StaffRoles.WorkshopsManage))
            {
                return await StaffAccess.RefuseAsync(request, authenticator, staff, Problems.Forbidden(StaffRoles.WorkshopsManage, language));
            }

            if (!await workshops.OpenAttendeesAsync(staff, id, format, cancellationToken))
            {
                return Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language);
            }

            return format switch
            {
                "json" => ApiResult.Ok(await attendees.EntriesAsync(id, cancellationToken)),
                "csv" => new ContentBody("text/csv; charset=utf-8", (s, ct) => attendees.WriteCsvAsync(id, s, ct), $"ผู้เข้าร่วม-{id}.csv"),
                _ => new ContentBody("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (s, ct) => attendees.WriteXlsxAsync(id, s, ct), $"ผู้เข้าร่วม-{id}.xlsx"),
            };
        });
    }
}
