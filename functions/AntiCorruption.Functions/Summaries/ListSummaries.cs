using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>GET /api/staff/summaries: every compiled year of each scope the officer may see (national for head office, each covered region), newest first, with each file's size and SHA-256.</summary>
internal sealed class ListSummaries(StaffAuthenticator authenticator, SummaryArchive archive)
{
    [Function(nameof(ListSummaries))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/summaries")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAsync(request, authenticator, StaffRoles.SummariesRead);
        return staff is null ? problem! : ApiResult.Ok(await archive.ListAsync(staff.Scope, cancellationToken));
    }
}
