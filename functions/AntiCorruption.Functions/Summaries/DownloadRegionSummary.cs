using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>
/// GET /api/staff/summaries/{fiscalYear}/regions/{n}/{file}: one of the five files of a region
/// the officer covers, made from that region's complaints and workshops only. Another region's
/// file answers exactly as one that does not exist. Audited before the file is handed over.
/// </summary>
internal sealed class DownloadRegionSummary(StaffAuthenticator authenticator, SummaryArchive archive)
{
    [Function(nameof(DownloadRegionSummary))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/summaries/{fiscalYear}/regions/{n}/{file}")] HttpRequest request,
        string fiscalYear,
        string n,
        string file,
        CancellationToken cancellationToken)
    {
        return SummaryFileDownload.RunAsync(request, authenticator, archive, fiscalYear, n, file, cancellationToken);
    }
}
