namespace AntiCorruption.Testing;

/// <summary>Small files with the real signatures of each accepted type, and some impostors.</summary>
public static class Evidence
{
    /// <summary>A real 1x1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xFF, 0xD9];

    public static byte[] WebP { get; } = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8L"u8, 0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0];

    public static byte[] Heic { get; } = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];

    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>An HTML page named like a photo.</summary>
    public static byte[] HtmlPretendingToBeJpeg { get; } = "<html><script>alert(1)</script></html>"u8.ToArray();

    /// <summary>A Windows executable.</summary>
    public static byte[] Executable { get; } = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];
}
