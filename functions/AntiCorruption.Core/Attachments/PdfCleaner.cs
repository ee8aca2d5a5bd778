using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Rewrites a PDF without what the software that made it wrote about its author: the document
/// information (author, title, subject, keywords, creator application, dates), every XMP
/// metadata stream (the document's and any page's or image's) and applications' private data
/// (<c>/PieceInfo</c>). Rewriting the whole file also drops earlier revisions that incremental
/// saves leave behind, and a fresh file identifier replaces the original's. What PDFsharp writes
/// in their place names only PDFsharp. A signed PDF loses its signature's validity; the pages are
/// untouched.
/// </summary>
internal static class PdfCleaner
{
    private static readonly string[] MetadataKeys = ["/Metadata", "/PieceInfo"];

    public static CleanedFile Clean(byte[] content)
    {
        if (PdfParseBudget.Check(content) is { } refusal)
        {
            throw new UncleanableFileException(refusal);
        }

        // On a thread of its own whose stack holds the deepest nesting the budget lets through.
        CleanedFile? cleaned = null;
        Exception? failure = null;
        var parser = new Thread(
            () =>
            {
                try
                {
                    cleaned = Rewrite(content);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failure = ex;
                }
            },
            PdfParseBudget.ParserStackBytes)
        {
            IsBackground = true,
            Name = "pdf-cleaner",
        };
        parser.Start();
        parser.Join();
        return cleaned ?? throw (failure is UncleanableFileException ? failure : new UncleanableFileException(CleaningRefusal.Unreadable, failure));
    }

    private static CleanedFile Rewrite(byte[] content)
    {
        try
        {
            using var input = new MemoryStream(content, writable: false);
            using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
            document.Info.Elements.Clear();
            foreach (var item in document.Internals.GetAllObjects())
            {
                if (item is PdfDictionary dictionary)
                {
                    foreach (var key in MetadataKeys)
                    {
                        dictionary.Elements.Remove(key);
                    }
                }
            }

            var identifier = Guid.NewGuid();
            document.Internals.FirstDocumentID = identifier.ToString("N");
            using var output = new MemoryStream(content.Length);
            document.Save(output);
            return new CleanedFile(output.ToArray(), "application/pdf");
        }
        catch (PdfReaderException ex) when (ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            throw new UncleanableFileException(CleaningRefusal.Encrypted, ex);
        }
    }
}
