using System.Diagnostics;
using System.Text;
using MetadataExtractor;

namespace AntiCorruption.Testing;

/// <summary>
/// Reads a file's metadata with readers that have nothing to do with the app's cleaning code:
/// MetadataExtractor (EXIF, XMP, IPTC, ICC, PNG text, in JPEG, HEIC, PNG, WebP) and ExifTool
/// (all of those, and a PDF's document information and XMP). Tests assert on what these see.
/// </summary>
public static class MetadataProbe
{
    /// <summary>"[directory] tag = value" for every tag MetadataExtractor finds (file-system facts left out).</summary>
    public static IReadOnlyList<string> Extract(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return ImageMetadataReader.ReadMetadata(stream)
            .Where(d => d.Name is not ("File" or "File Type"))
            .SelectMany(d => d.Tags.Select(t => $"[{d.Name}] {t.Name} = {t.Description}"))
            .ToList();
    }

    /// <summary>The directories MetadataExtractor finds: "Exif IFD0", "GPS", "XMP", ...</summary>
    public static IReadOnlySet<string> Directories(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return ImageMetadataReader.ReadMetadata(stream).Select(d => d.Name).ToHashSet();
    }

    /// <summary>
    /// ExifTool's "-a -G1 -s" listing of what the file holds ("[group] Tag : value"), without
    /// the lines about the temporary file it was read from ([System]) and ExifTool itself.
    /// ./test.sh installs exiftool when it is missing; without it this fails saying so.
    /// </summary>
    public static async Task<string> ExifToolAsync(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            var start = new ProcessStartInfo("exiftool", ["-a", "-G1", "-s", "-charset", "utf8", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("exiftool did not start.");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return string.Join('\n', output.Split('\n').Where(line => !line.StartsWith("[System]", StringComparison.Ordinal) && !line.StartsWith("[ExifTool]", StringComparison.Ordinal)));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("exiftool is not installed (apt-get install libimage-exiftool-perl; ./test.sh installs it).", ex);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
