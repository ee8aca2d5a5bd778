using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Staff;

/// <summary>
/// GET /api/staff/complaints/{id}/attachments/{attachmentId}: one evidence file, streamed through
/// the app as a download (a storage link would outlive the officer's access and escape the audit).
/// 404 unless it is that case's file and the case is in the officer's scope.
/// </summary>
internal sealed class DownloadEvidence(StaffAuthenticator authenticator, StaffComplaints complaints)
{
    private static readonly LocalizedText NoSuchFile = new("ไม่พบไฟล์หลักฐานนี้ในเรื่องนี้", "This complaint has no such file.");

    [Function(nameof(DownloadEvidence))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints/{id}/attachments/{attachmentId}")] HttpRequest request,
        string id,
        string attachmentId,
        CancellationToken cancellationToken)
    {
        return StaffRoute.RunAsync(request, authenticator, StaffRoles.ComplaintsRead, async (staff, language) =>
        {
            var evidence = await complaints.OpenEvidenceAsync(staff, id, attachmentId, cancellationToken);
            return evidence is { } found
                ? new EvidenceDownload(found.Content, found.File.ContentType, found.File.FileName)
                : Problems.NotFound(NoSuchFile, language);
        });
    }
}
