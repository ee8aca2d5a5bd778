namespace AntiCorruption.Core.Attachments;

public static class AttachmentLimits
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Unclaimed uploads are deleted after this long.</summary>
    public static readonly TimeSpan Unclaimed = TimeSpan.FromHours(24);
}
