using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Attachments;

/// <summary>
/// POST /api/attachments: one evidence file (JPEG, PNG, WebP, HEIC or PDF, judged by its bytes),
/// cleaned of its metadata and sealed; 201 with its id and the size, type and hash of the file as
/// kept. 415 for another type, 422 for a file that cannot be cleaned (nothing is kept).
/// </summary>
internal sealed class UploadAttachment(EvidenceIntake evidence, PublicRouteLimits limits)
{
    [Function(nameof(UploadAttachment))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "attachments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (await limits.RefuseAsync(request, RateLimitedAction.Upload, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var (content, problem) = await FileUpload.ReadSingleFileAsync(request, AttachmentLimits.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await evidence.AcceptAsync(content!, cancellationToken) switch
        {
            EvidenceResult.Stored stored => new ApiResult(StatusCodes.Status201Created, stored.Info),
            EvidenceResult.Uncleanable uncleanable => Problems.UncleanableFile(uncleanable.Refusal, language),
            _ => Problems.UnsupportedFile(language),
        };
    }
}
