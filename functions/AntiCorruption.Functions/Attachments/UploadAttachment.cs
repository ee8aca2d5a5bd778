using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AntiCorruption.Functions.Attachments;

/// <summary>POST /api/attachments: one evidence file (JPEG, PNG, WebP, HEIC or PDF, judged by its bytes), 201 with its id.</summary>
internal sealed class UploadAttachment(AttachmentStore attachments, PublicRouteLimits limits)
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

        var contentType = FileSignatures.Detect(content);
        if (contentType is null)
        {
            return Problems.UnsupportedFile(language);
        }

        var info = await attachments.AddAsync(content, contentType, cancellationToken);
        return new ApiResult(StatusCodes.Status201Created, info);
    }
}
