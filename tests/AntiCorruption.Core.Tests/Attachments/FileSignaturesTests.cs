using AntiCorruption.Core.Attachments;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Attachments;

public class FileSignaturesTests
{
    public static TheoryData<byte[], string?> Files => new()
    {
        { Evidence.Png, "image/png" },
        { Evidence.Jpeg, "image/jpeg" },
        { Evidence.WebP, "image/webp" },
        { Evidence.Heic, "image/heic" },
        { Evidence.Pdf, "application/pdf" },
        { Evidence.HtmlPretendingToBeJpeg, null },
        { Evidence.Executable, null },
        { "GIF89a"u8.ToArray(), null },
        { [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0], null },
        { "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), null },
        { [], null },
        { [0xFF], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Detect_JudgesByTheBytes(byte[] content, string? expected)
    {
        Assert.Equal(expected, FileSignatures.Detect(content));
    }
}
