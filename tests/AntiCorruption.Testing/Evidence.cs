namespace AntiCorruption.Testing;

/// <summary>
/// Real files of each accepted type (the app decodes every upload to clean it, so a file must be
/// what its signature says), files that carry metadata a reporter would not want kept, and some
/// impostors. Fixtures/README.md says how the binary ones were made.
/// </summary>
public static class Evidence
{
    /// <summary>A real 1x1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A 16x16 JPEG with no metadata.</summary>
    public static byte[] Jpeg { get; } = Fixture("plain.jpg");

    /// <summary>A real 1x1 lossless WebP.</summary>
    public static byte[] WebP { get; } = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8L"u8, 0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0];

    /// <summary>A 16x16 HEIC with no metadata.</summary>
    public static byte[] Heic { get; } = Fixture("plain.heic");

    /// <summary>A one-page PDF with no document information.</summary>
    public static byte[] Pdf { get; } = TestPdf.Build();

    /// <summary>A phone photo: GPS position, device serial, owner name, XMP creator, rotated by its EXIF.</summary>
    public static byte[] JpegWithGps { get; } = Fixture("gps-exif.jpg");

    /// <summary>The same photo as an iPhone would send it: HEIC with EXIF and XMP.</summary>
    public static byte[] HeicWithExif { get; } = Fixture("gps-exif.heic");

    public static byte[] PngWithExif { get; } = Fixture("gps-exif.png");

    public static byte[] WebPWithExif { get; } = Fixture("gps-exif.webp");

    /// <summary>A PDF whose document information and XMP name its author, and whose older revision named another.</summary>
    public static byte[] PdfWithAuthor { get; } = TestPdf.Build(author: SecretAuthor, xmpCreator: SecretAuthor, earlierAuthor: EarlierAuthor);

    /// <summary>What the files above carry that must not survive cleaning.</summary>
    public const string SecretAuthor = "Somchai Secret";

    public const string DeviceSerial = "DMPX1234SECRET";

    /// <summary>The author an incremental save replaced: still in the file's bytes, in its first revision.</summary>
    public const string EarlierAuthor = "Earlier Revision Author";

    /// <summary>An HTML page named like a photo.</summary>
    public static byte[] HtmlPretendingToBeJpeg { get; } = "<html><script>alert(1)</script></html>"u8.ToArray();

    /// <summary>A Windows executable.</summary>
    public static byte[] Executable { get; } = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];

    /// <summary>A JPEG signature and header with no picture after it: of an accepted type, but nothing decodes it.</summary>
    public static byte[] BrokenJpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xFF, 0xD9];

    /// <summary>A PDF signature and nothing a reader can follow: no cross-reference table, no catalog.</summary>
    public static byte[] BrokenPdf { get; } = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static byte[] Fixture(string name)
    {
        using var stream = typeof(Evidence).Assembly.GetManifestResourceStream("Fixtures." + name)
            ?? throw new InvalidOperationException($"No embedded fixture {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
