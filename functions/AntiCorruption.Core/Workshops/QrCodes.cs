using QRCoder;

namespace AntiCorruption.Core.Workshops;

/// <summary>The check-in QR code of a confirmation code, as a self-contained SVG.</summary>
public static class QrCodes
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
