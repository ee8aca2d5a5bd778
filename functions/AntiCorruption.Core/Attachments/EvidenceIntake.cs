using Microsoft.Extensions.Logging;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// The one way in for an evidence file, from the web form or a LINE chat: its type is read from
/// its bytes, it is cleaned of metadata, and only the cleaned file is sealed and stored. A file
/// that is not of an accepted type, or cannot be cleaned, is refused and nothing is kept.
/// </summary>
public sealed partial class EvidenceIntake(EvidenceCleaner cleaner, AttachmentStore attachments, TimeProvider time, ILogger<EvidenceIntake> logger)
{
    public async Task<EvidenceResult> AcceptAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var contentType = FileSignatures.Detect(content);
        if (contentType is null)
        {
            return new EvidenceResult.Unsupported();
        }

        CleanedFile cleaned;
        var started = time.GetTimestamp();
        try
        {
            cleaned = await cleaner.CleanAsync(content, contentType, cancellationToken);
        }
        catch (UncleanableFileException ex)
        {
            // The type and reason only: the file's content never reaches a log.
            var error = ex.InnerException?.GetType().Name;
            LogRefused(logger, contentType, ex.Refusal, error);
            return new EvidenceResult.Uncleanable(ex.Refusal);
        }

        var milliseconds = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogCleaned(logger, contentType, content.Length, cleaned.Content.Length, milliseconds);
        return new EvidenceResult.Stored(await attachments.AddAsync(cleaned, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {ContentType} upload that could not be cleaned: {Refusal} ({Error})")]
    private static partial void LogRefused(ILogger logger, string contentType, CleaningRefusal refusal, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleaned a {ContentType} upload of {Bytes} bytes into {CleanedBytes} bytes in {Milliseconds} ms")]
    private static partial void LogCleaned(ILogger logger, string contentType, int bytes, int cleanedBytes, long milliseconds);
}

/// <summary>What became of an evidence file.</summary>
public abstract record EvidenceResult
{
    private EvidenceResult()
    {
    }

    /// <summary>Cleaned, sealed and stored: the answer describes the file as kept.</summary>
    public sealed record Stored(AttachmentInfo Info) : EvidenceResult;

    /// <summary>None of the accepted types (JPEG, PNG, WebP, HEIC, PDF), judged by its bytes.</summary>
    public sealed record Unsupported : EvidenceResult;

    /// <summary>Of an accepted type, but the cleaner could not rewrite it; nothing was kept.</summary>
    public sealed record Uncleanable(CleaningRefusal Refusal) : EvidenceResult;
}
