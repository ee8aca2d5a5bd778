using System.Text;
using QRCoder;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// A video for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>) that shows one QR
/// code, made as <see cref="AntiCorruption.Core.Workshops.QrCodes"/> makes the registrant's: the
/// text itself, error correction M. Y4M, 4:2:0: black modules on white with a wide quiet zone,
/// a few identical frames (Chromium plays the file in a loop).
/// </summary>
internal static class FakeCameraVideo
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Writes the video of <paramref name="text"/>'s QR code to a new file; its path.</summary>
    public static string WriteQr(string text, int modulePixels = 8, int frames = 5)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        Assert.True(size * modulePixels <= Math.Min(Width, Height), $"a {size}-module code does not fit the frame");

        // Luma: white everywhere (the quiet zone included), black where a module is dark.
        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)255);
        var left = (Width - size * modulePixels) / 2;
        var top = (Height - size * modulePixels) / 2;
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (!matrix[row][column])
                {
                    continue;
                }

                for (var y = 0; y < modulePixels; y++)
                {
                    Array.Fill(luma, (byte)0, ((top + row * modulePixels + y) * Width) + left + column * modulePixels, modulePixels);
                }
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        var path = Path.Combine(Directory.CreateTempSubdirectory("fake-camera-").FullName, "qr.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var i = 0; i < frames; i++)
        {
            file.Write(Encoding.ASCII.GetBytes("FRAME\n"));
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }

        return path;
    }
}
