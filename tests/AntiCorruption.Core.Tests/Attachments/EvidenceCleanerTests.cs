using System.Text;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Testing;

namespace AntiCorruption.Core.Tests.Attachments;

/// <summary>
/// The cleaner on files that carry what phones and office software write, each read back with
/// MetadataExtractor or ExifTool, never with the library that cleaned it.
/// </summary>
public class EvidenceCleanerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly EvidenceCleaner Cleaner = new();

    private static Task<CleanedFile> CleanAsync(byte[] content) =>
        Cleaner.CleanAsync(content, FileSignatures.Detect(content)!, CancellationToken.None);

    private static bool Holds(byte[] content, string text) => content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    public static TheoryData<string, string> Photos => new()
    {
        { nameof(Evidence.JpegWithGps), "image/jpeg" },
        { nameof(Evidence.HeicWithExif), "image/jpeg" },
        { nameof(Evidence.PngWithExif), "image/png" },
        { nameof(Evidence.WebPWithExif), "image/webp" },
    };

    private static byte[] Photo(string name) => (byte[])typeof(Evidence).GetProperty(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(Photos))]
    public async Task Clean_PhotoWithGpsAndSerial_KeepsThePictureAndNoMetadata(string name, string expectedType)
    {
        var photo = Photo(name);
        Assert.Contains("GPS", MetadataProbe.Directories(photo));
        Assert.True(Holds(photo, Evidence.DeviceSerial));

        var cleaned = await CleanAsync(photo);

        Assert.Equal(expectedType, cleaned.ContentType);
        Assert.Equal(expectedType, FileSignatures.Detect(cleaned.Content));
        var seen = MetadataProbe.Directories(cleaned.Content);
        Assert.DoesNotContain("GPS", seen);
        Assert.DoesNotContain("XMP", seen);
        Assert.DoesNotContain(seen, d => d.StartsWith("Exif", StringComparison.Ordinal));
        Assert.DoesNotContain(MetadataProbe.Extract(cleaned.Content), t => t.Contains("Somchai", StringComparison.Ordinal) || t.Contains("2026", StringComparison.Ordinal));
        Assert.False(Holds(cleaned.Content, Evidence.DeviceSerial));
        Assert.False(Holds(cleaned.Content, Evidence.SecretAuthor));
        Assert.False(Holds(cleaned.Content, "iPhone"));
    }

    [Fact]
    public async Task Clean_JpegRotatedByItsExif_TurnsThePixelsSoThePictureStandsAsItDid()
    {
        // The fixture is 96x72 with "rotate 90 CW": without the tag, the pixels must be 72x96.
        var cleaned = await CleanAsync(Evidence.JpegWithGps);

        var size = MetadataProbe.Extract(cleaned.Content);
        Assert.Contains("[JPEG] Image Width = 72 pixels", size);
        Assert.Contains("[JPEG] Image Height = 96 pixels", size);
    }

    [Fact]
    public async Task Clean_PdfWithAuthorXmpAndAnEarlierRevision_KeepsThePageAndNoneOfThem()
    {
        var pdf = Evidence.PdfWithAuthor;
        var before = await MetadataProbe.ExifToolAsync(pdf, "pdf");
        Assert.Contains(Evidence.SecretAuthor, before, StringComparison.Ordinal);
        Assert.True(Holds(pdf, Evidence.EarlierAuthor));

        var cleaned = await CleanAsync(pdf);

        var after = await MetadataProbe.ExifToolAsync(cleaned.Content, "pdf");
        Assert.Contains("PageCount                       : 1", after, StringComparison.Ordinal);
        foreach (var gone in new[] { Evidence.SecretAuthor, Evidence.EarlierAuthor, "DESKTOP-REPORTER", "Contract 2569-114", "Road repair", "tender", "Acrobat Distiller", "2026:11:2" })
        {
            Assert.DoesNotContain(gone, after, StringComparison.Ordinal);
            Assert.False(Holds(cleaned.Content, gone), gone);
        }

        Assert.DoesNotContain("8F1C2A7E5B3D4C6A9E0F1B2C3D4E5F60", Encoding.Latin1.GetString(cleaned.Content), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(nameof(Evidence.BrokenJpeg))]
    [InlineData(nameof(Evidence.BrokenPdf))]
    public async Task Clean_FileThatDoesNotDecode_IsRefusedAsUnreadable(string name)
    {
        var content = (byte[])typeof(Evidence).GetProperty(name)!.GetValue(null)!;

        var refused = await Assert.ThrowsAsync<UncleanableFileException>(() => CleanAsync(content));

        Assert.Equal(CleaningRefusal.Unreadable, refused.Refusal);
    }

    [Fact]
    public async Task Clean_PasswordProtectedPdf_IsRefusedAsEncrypted()
    {
        var refused = await Assert.ThrowsAsync<UncleanableFileException>(() => CleanAsync(EncryptedPdf()));

        Assert.Equal(CleaningRefusal.Encrypted, refused.Refusal);
    }

    [Fact]
    public async Task Clean_DecompressionBomb_IsRefusedBeforeDecoding()
    {
        // A 3.5 MB PNG of 11,000 x 11,000 black pixels (121 MP): 363 MB once decoded.
        var bomb = BlackPng(11_000, 11_000);
        Assert.InRange(bomb.Length, 1, AttachmentLimits.MaxBytes);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<UncleanableFileException>(() => CleanAsync(bomb));

        Assert.Equal(CleaningRefusal.TooManyPixels, refused.Refusal);
        output.WriteLine($"a {bomb.Length:N0}-byte PNG of 121 MP refused in {started.Elapsed.TotalMilliseconds:N0} ms");
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Clean_PdfNestedDeeperThanTheBudget_IsRefusedWithoutTakingTheProcessDown()
    {
        // 250,000 nested arrays in 500 KB: parsed as is, this ends the process with a stack overflow.
        var refused = await Assert.ThrowsAsync<UncleanableFileException>(() => CleanAsync(NestedPdf(250_000, compressed: false)));

        Assert.Equal(CleaningRefusal.Unreadable, refused.Refusal);
    }

    [Fact]
    public async Task Clean_PdfNestingHiddenInACompressedObjectStream_IsRefused()
    {
        var pdf = NestedPdf(300_000, compressed: true);
        Assert.InRange(pdf.Length, 1, 10_000);

        var refused = await Assert.ThrowsAsync<UncleanableFileException>(() => CleanAsync(pdf));

        Assert.Equal(CleaningRefusal.Unreadable, refused.Refusal);
    }

    [Fact]
    public async Task Clean_PdfNestedDeeperThanAnOrdinaryStackHolds_IsCleaned()
    {
        // 20,000 levels overflow a thread pool thread's stack; the cleaner parses on a larger one.
        var cleaned = await CleanAsync(NestedPdf(20_000, compressed: false));

        Assert.Equal("application/pdf", cleaned.ContentType);
    }

    /// <summary>A one-page PDF with an object of <paramref name="depth"/> nested arrays, as such or inside a Flate object stream.</summary>
    private static byte[] NestedPdf(int depth, bool compressed)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.5\n");
        offsets.Add(pdf.Position);
        Write("1 0 obj\n<</Type/Catalog/Pages 2 0 R/Extra 4 0 R>>\nendobj\n");
        offsets.Add(pdf.Position);
        Write("2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n");
        offsets.Add(pdf.Position);
        Write("3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\n");
        offsets.Add(pdf.Position);
        if (compressed)
        {
            using var packed = new MemoryStream();
            using (var deflate = new System.IO.Compression.ZLibStream(packed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            {
                deflate.Write(Encoding.Latin1.GetBytes("5 0 " + nested));
            }

            Write($"4 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length {packed.Length}>>\nstream\n");
            pdf.Write(packed.ToArray());
            Write("\nendstream\nendobj\n");
        }
        else
        {
            Write($"4 0 obj\n{nested}\nendobj\n");
        }

        var xref = pdf.Position;
        Write("xref\n0 5\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] EncryptedPdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "reporter";
        document.SecuritySettings.OwnerPassword = "reporter-owner";
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>A valid PNG of this size, all black: it compresses about a hundred to one.</summary>
    private static byte[] BlackPng(int width, int height)
    {
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var pixels = new MemoryStream();
        using (var deflate = new System.IO.Compression.ZLibStream(pixels, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            for (var y = 0; y < height; y++)
            {
                deflate.Write(row);
            }
        }

        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR"u8, header), .. Chunk("IDAT"u8, pixels.ToArray()), .. Chunk("IEND"u8, [])];
    }

    private static byte[] Chunk(ReadOnlySpan<byte> type, byte[] data)
    {
        byte[] typed = [.. type, .. data];
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: a header's worth of bytes needs no table.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
