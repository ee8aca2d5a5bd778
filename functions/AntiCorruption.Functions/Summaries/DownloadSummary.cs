using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Summaries;

/// <summary>
/// GET /api/staff/summaries/{fiscalYear}/{file}: streams one of the five files with its content
/// type and a download name. Any other name is 404: the blob name is built from a fixed list, so
/// no path reaches another blob.
/// </summary>
internal sealed class DownloadSummary(StaffAuthenticator authenticator, SummaryArchive archive)
{
    private static readonly LocalizedText NoSuchFile = new("ไม่พบไฟล์สรุปนี้", "No such summary file.");

    [Function(nameof(DownloadSummary))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/summaries/{fiscalYear}/{file}")] HttpRequest request,
        string fiscalYear,
        string file,
        CancellationToken cancellationToken)
    {
        var (staff, problem) = await StaffAccess.AuthorizeAsync(request, authenticator, StaffRoles.SummariesRead);
        if (staff is null)
        {
            return problem!;
        }

        var blob = await archive.FindAsync(fiscalYear, file, cancellationToken);
        return blob is null
            ? Problems.NotFound(NoSuchFile, RequestLanguage.Of(request))
            : new BlobDownload(blob, SummaryFiles.ContentTypes[file], $"fy{fiscalYear}-{file}");
    }
}
