using ImageMagick;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Re-encodes a photo from its pixels alone, so nothing the camera or phone wrote beside them
/// survives: EXIF (GPS position, device serial, owner name, capture time), XMP, IPTC, comments,
/// maker notes, embedded thumbnails, and data hidden after the image (motion-photo videos, depth
/// maps). The orientation the EXIF asked for is applied to the pixels first, and a colour profile
/// is converted to sRGB before it goes, so the picture looks as it did. HEIC becomes JPEG: the
/// library reads HEIC but cannot write it, and staff computers open JPEG anyway.
/// </summary>
internal static class ImageCleaner
{
    /// <summary>A re-encoded JPEG keeps the source's quality up to this (higher only makes it bigger).</summary>
    private const uint MaxJpegQuality = 92;

    /// <summary>Used when the source's quality cannot be estimated (HEIC, WebP).</summary>
    private const uint DefaultQuality = 90;

    static ImageCleaner()
    {
        // A backstop to the pixel count checked before decoding: no side larger than a real photo's.
        ResourceLimits.Width = 30_000;
        ResourceLimits.Height = 30_000;
    }

    public static CleanedFile Clean(byte[] content, string contentType)
    {
        var (readAs, writeAs, outputType) = contentType switch
        {
            "image/jpeg" => (MagickFormat.Jpeg, MagickFormat.Jpeg, "image/jpeg"),
            "image/png" => (MagickFormat.Png, MagickFormat.Png, "image/png"),
            "image/webp" => (MagickFormat.WebP, MagickFormat.WebP, "image/webp"),
            "image/heic" => (MagickFormat.Heic, MagickFormat.Jpeg, "image/jpeg"),
            _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not an image type."),
        };

        // The format is named, never guessed from the bytes: only the decoder of the type the
        // signature check found ever sees the file (no SVG, MVG or script coder by surprise).
        var settings = new MagickReadSettings { Format = readAs };
        try
        {
            var info = new MagickImageInfo(content, settings);
            if ((ulong)info.Width * info.Height > EvidenceCleaner.MaxPixels)
            {
                throw new UncleanableFileException(CleaningRefusal.TooManyPixels);
            }

            // The first (primary) image only: a HEIC's thumbnails and depth maps, an animation's other frames, are left out.
            using var image = new MagickImage(content, settings);
            var sourceQuality = image.Quality;
            image.AutoOrient();
            if (image.GetColorProfile() is not null)
            {
                image.TransformColorSpace(ColorProfiles.SRGB);
            }

            image.Strip();
            image.Quality = writeAs switch
            {
                MagickFormat.Jpeg when readAs == MagickFormat.Jpeg && sourceQuality is > 0 => Math.Min(sourceQuality, MaxJpegQuality),
                _ => DefaultQuality,
            };
            if (writeAs == MagickFormat.WebP && IsLosslessWebP(content))
            {
                image.Settings.SetDefine(MagickFormat.WebP, "lossless", true);
            }

            // PNG: no tIME or date text chunks, which would carry the moment of the upload.
            image.Settings.SetDefine(MagickFormat.Png, "exclude-chunks", "date,time");
            return new CleanedFile(image.ToByteArray(writeAs), outputType);
        }
        catch (MagickException ex)
        {
            throw new UncleanableFileException(CleaningRefusal.Unreadable, ex);
        }
    }

    /// <summary>A WebP whose first chunk is VP8L was made lossless (a screenshot): it stays lossless.</summary>
    private static bool IsLosslessWebP(ReadOnlySpan<byte> content) => content.Length >= 16 && content[12..16].SequenceEqual("VP8L"u8);
}
