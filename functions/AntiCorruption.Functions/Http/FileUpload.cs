using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// Reads the one file of a <c>multipart/form-data</c> request into memory, refusing anything over
/// the limit as soon as the limit is passed. Other form fields are ignored; the part's file name
/// and declared type are ignored too, so neither reaches storage.
/// </summary>
public static class FileUpload
{
    public static async Task<(byte[]? Content, ApiResult? Problem)> ReadSingleFileAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Length is 0 or > 200)
        {
            return (null, Problems.UnsupportedMediaType(language, "multipart/form-data"));
        }

        // The whole request may carry a little form overhead beyond the file itself.
        if (request.ContentLength > maxBytes + (64 * 1024))
        {
            return (null, Problems.PayloadTooLarge(maxBytes, language, "file"));
        }

        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(media.Boundary).Value!, request.Body) { HeadersLengthLimit = 16 * 1024 };
        byte[]? file = null;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }

                if (file is not null)
                {
                    return (null, Problems.BadRequest("file", Messages.OneFile, language));
                }

                file = await BoundedBody.ReadAsync(section.Body, maxBytes, cancellationToken);
                if (file is null)
                {
                    return (null, Problems.PayloadTooLarge(maxBytes, language, "file"));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, Problems.BadRequest("body", Messages.MalformedMultipart, language));
        }

        if (file is null)
        {
            return (null, Problems.BadRequest("file", Messages.Required, language));
        }

        return file.Length == 0 ? (null, Problems.BadRequest("file", Messages.EmptyFile, language)) : (file, null);
    }
}
