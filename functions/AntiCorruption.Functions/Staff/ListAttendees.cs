using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using AntiCorruption.Functions.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>GET /api/staff/workshops/{id}/attendees?format=csv|xlsx: the attendee list with Thai headers (CSV by default).</summary>
internal sealed class ListAttendees(StaffAuthenticator authenticator, WorkshopCatalog workshops, AttendeeList attendees)
{
    private static readonly LocalizedText BadFormat = new("format ต้องเป็น csv หรือ xlsx", "Must be csv or xlsx.");

    [Function(nameof(ListAttendees))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/workshops/{id}/attendees")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAsync(request, authenticator, StaffRoles.WorkshopsManage);
        if (staff is null)
        {
            return problem!;
        }

        var language = RequestLanguage.Of(request);
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "csv";
        if (format is not ("csv" or "xlsx"))
        {
            return Problems.BadRequest("format", BadFormat, language);
        }

        if (await workshops.FindInScopeAsync(id, staff.Scope, cancellationToken) is null)
        {
            return Problems.NotFound(WorkshopProblems.NoSuchWorkshop, language);
        }

        return format == "csv"
            ? new ContentBody("text/csv; charset=utf-8", (s, ct) => attendees.WriteCsvAsync(id, s, ct), $"ผู้เข้าร่วม-{id}.csv")
            : new ContentBody("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (s, ct) => attendees.WriteXlsxAsync(id, s, ct), $"ผู้เข้าร่วม-{id}.xlsx");
    }
}
