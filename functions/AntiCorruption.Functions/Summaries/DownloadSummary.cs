using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>
/// GET /api/staff/summaries/{fiscalYear}/{file}: streams one of the five national files with its
/// content type and a download name; head office only. A regional officer, any other name and a
/// year not compiled all get the same 404: the national figures are, to a region, files that do
/// not exist, as the contract's scope rule has it, and the blob name is built from a fixed list,
/// so no path reaches another blob. Audited before the file is handed over.
/// </summary>
internal sealed class DownloadSummary(StaffAuthenticator authenticator, SummaryArchive archive)
{
    [Function(nameof(DownloadSummary))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/summaries/{fiscalYear}/{file}")] HttpRequest request,
        string fiscalYear,
        string file,
        CancellationToken cancellationToken)
    {
        return SummaryFileDownload.RunAsync(request, authenticator, archive, fiscalYear, null, file, cancellationToken);
    }
}
