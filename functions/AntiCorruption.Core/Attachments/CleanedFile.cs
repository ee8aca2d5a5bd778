namespace AntiCorruption.Core.Attachments;

/// <summary>An evidence file after cleaning: what is kept, and its type (a HEIC photo comes out as JPEG).</summary>
public sealed record CleanedFile(byte[] Content, string ContentType);

/// <summary>Why a file could not be cleaned, and so was not kept.</summary>
public enum CleaningRefusal
{
    /// <summary>Its bytes do not decode as the type they announce (damaged, truncated, or crafted).</summary>
    Unreadable,

    /// <summary>A password-protected PDF: it cannot be rewritten without the password.</summary>
    Encrypted,

    /// <summary>A picture with more pixels than <see cref="EvidenceCleaner.MaxPixels"/>: decoding it would take too much memory.</summary>
    TooManyPixels,
}

/// <summary>Thrown by the cleaners when a file cannot be cleaned; it is then refused, never stored as sent.</summary>
public sealed class UncleanableFileException : Exception
{
    public UncleanableFileException(CleaningRefusal refusal, Exception? inner = null)
        : base($"The file could not be cleaned: {refusal}.", inner) => Refusal = refusal;

    public UncleanableFileException()
        : this(CleaningRefusal.Unreadable)
    {
    }

    public UncleanableFileException(string message)
        : base(message) => Refusal = CleaningRefusal.Unreadable;

    public UncleanableFileException(string message, Exception innerException)
        : base(message, innerException) => Refusal = CleaningRefusal.Unreadable;

    public CleaningRefusal Refusal { get; }
}
