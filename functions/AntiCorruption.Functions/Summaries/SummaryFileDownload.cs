using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Summaries;

/// <summary>
/// The shape of both summary downloads, national (<paramref name="region"/> null) and a region's:
/// the gate, the archive's scoped and audited open, then the file with its type and a download
/// name, or the one 404 of a file that is not there for this person.
/// </summary>
internal static class SummaryFileDownload
{
    public static Task<IActionResult> RunAsync(
        HttpRequest request, StaffAuthenticator authenticator, SummaryArchive archive, string fiscalYear, string? region, string file, CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.SummariesRead, async (staff, language) =>
        {
            var blob = await archive.OpenAsync(staff, fiscalYear, region, file, cancellationToken);
            return blob is null
                ? Problems.NotFound(SummaryProblems.NoSuchFile, language)
                : new BlobDownload(blob, SummaryFiles.ContentTypes[file], region is null ? $"fy{fiscalYear}-{file}" : $"fy{fiscalYear}-region{region}-{file}");
        });
    }
}
