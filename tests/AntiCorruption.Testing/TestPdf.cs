using System.Globalization;
using System.Text;

namespace AntiCorruption.Testing;

/// <summary>
/// Writes small, valid PDFs by hand (the cross-reference table and all), so that tests control
/// exactly which metadata a file carries: document information, an XMP stream, an older revision
/// left by an incremental save, and a picture of any size to reach a given file length.
/// </summary>
public static class TestPdf
{
    /// <param name="author">The document information's author (and title, creator and dates come with it).</param>
    /// <param name="xmpCreator">When given, an XMP metadata stream naming this creator.</param>
    /// <param name="earlierAuthor">When given, the file is saved twice: this author in the first revision, <paramref name="author"/> in the second.</param>
    /// <param name="totalBytes">When given, the page carries a grey picture sized so that the file is exactly this long.</param>
    public static byte[] Build(string? author = null, string? xmpCreator = null, string? earlierAuthor = null, int? totalBytes = null)
    {
        if (totalBytes is not { } target)
        {
            return Write(author, xmpCreator, earlierAuthor, pictureBytes: 0);
        }

        // The picture's length changes the digits around it: settle it in a few rounds.
        var picture = Math.Max(1, target - Write(author, xmpCreator, earlierAuthor, 1).Length);
        for (var round = 0; round < 5; round++)
        {
            var length = Write(author, xmpCreator, earlierAuthor, picture).Length;
            if (length == target)
            {
                return Write(author, xmpCreator, earlierAuthor, picture);
            }

            picture += target - length;
        }

        throw new InvalidOperationException($"Could not make a PDF of exactly {target} bytes.");
    }

    private static byte[] Write(string? author, string? xmpCreator, string? earlierAuthor, int pictureBytes)
    {
        var pdf = new MemoryStream();
        var offsets = new SortedDictionary<int, long>();
        void Text(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        void Object(int number, string dictionary, byte[]? stream = null)
        {
            offsets[number] = pdf.Position;
            if (stream is null)
            {
                Text($"{number} 0 obj\n{dictionary}\nendobj\n");
                return;
            }

            Text($"{number} 0 obj\n{dictionary[..^2]}/Length {stream.Length}>>\nstream\n");
            pdf.Write(stream);
            Text("\nendstream\nendobj\n");
        }

        string Info(string name) =>
            $"<</Author({name})/Title(Contract 2569-114)/Subject(Road repair)/Keywords(tender)/Creator(Microsoft Word on DESKTOP-REPORTER)/Producer(Acrobat Distiller)/CreationDate(D:20261120143307+07'00')/ModDate(D:20261121091500+07'00')>>";

        Text("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var hasInfo = author is not null || earlierAuthor is not null;
        var catalogExtra = xmpCreator is null ? "" : "/Metadata 5 0 R";
        Object(1, $"<</Type/Catalog/Pages 2 0 R{catalogExtra}>>");
        Object(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>");
        var resources = pictureBytes > 0 ? "/Resources<</XObject<</Im1 7 0 R>>>>" : "";
        Object(3, $"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R{resources}>>");
        var drawing = pictureBytes > 0 ? "q 495 0 0 40 50 700 cm /Im1 Do Q\n" : "";
        Object(4, "<<>>", Encoding.ASCII.GetBytes(drawing + "0.2 0.4 0.8 rg 50 600 300 60 re f\n"));
        if (xmpCreator is not null)
        {
            Object(5, "<</Type/Metadata/Subtype/XML>>", Encoding.UTF8.GetBytes(
                "<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + $"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"><dc:creator><rdf:Seq><rdf:li>{xmpCreator}</rdf:li></rdf:Seq></dc:creator><xmp:CreatorTool>Microsoft Word on DESKTOP-REPORTER</xmp:CreatorTool></rdf:Description>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"));
        }

        if (hasInfo)
        {
            Object(6, Info(earlierAuthor ?? author!));
        }

        if (pictureBytes > 0)
        {
            var random = new Random(20261130);
            var pixels = new byte[pictureBytes];
            random.NextBytes(pixels);
            Object(7, $"<</Type/XObject/Subtype/Image/Width {pictureBytes}/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8>>", pixels);
        }

        var size = offsets.Keys.Max() + 1;
        var id = "<8F1C2A7E5B3D4C6A9E0F1B2C3D4E5F60>";
        var info = hasInfo ? "/Info 6 0 R" : "";
        var previous = CrossReference(pdf, offsets);
        Text($"trailer\n<</Size {size}/Root 1 0 R{info}/ID[{id}{id}]>>\nstartxref\n{previous}\n%%EOF\n");

        if (earlierAuthor is not null && author is not null)
        {
            // An incremental save: the new document information is appended, the old one stays in the bytes.
            var update = new SortedDictionary<int, long>();
            offsets = update;
            Object(6, Info(author));
            var at = CrossReference(pdf, update);
            Text($"trailer\n<</Size {size}/Root 1 0 R/Info 6 0 R/ID[{id}{id}]/Prev {previous}>>\nstartxref\n{at}\n%%EOF\n");
        }

        return pdf.ToArray();
    }

    /// <summary>Writes a cross-reference section for these objects (and object 0) and returns where it starts.</summary>
    private static long CrossReference(MemoryStream pdf, SortedDictionary<int, long> offsets)
    {
        var at = pdf.Position;
        var text = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets)
        {
            text.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }

        pdf.Write(Encoding.ASCII.GetBytes(text.ToString()));
        return at;
    }
}
