using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace AntiCorruption.Core.Attachments;

/// <summary>
/// Bounds what PDFsharp will do with a file before it sees it. PDFsharp reads nested arrays and
/// dictionaries by recursion, so a 200 KB file of nested brackets overflows the stack, and a stack
/// overflow ends the whole process, which no catch can stop. The nesting it can reach is at most
/// the number of <c>[</c> and <c>&lt;&lt;</c> in what it parses: the file itself, and the object
/// and cross-reference streams it inflates. Those are counted here (inflating with a size
/// budget), and the parse then runs on a thread whose stack holds that many levels
/// (<see cref="PdfCleaner"/>).
/// </summary>
internal static partial class PdfParseBudget
{
    /// <summary>At most this many openers; a real 10 MB PDF holds tens of thousands (a fifth of a percent of random bytes is one).</summary>
    public const int MaxOpeners = 200_000;

    /// <summary>The stack that parses the most nested file allowed (measured: about 500 bytes a level, and saving recurses too).</summary>
    public const int ParserStackBytes = 256 * 1024 * 1024;

    /// <summary>Object and cross-reference streams inflate to at most this much in all: no compressed bomb.</summary>
    private const int MaxInflatedBytes = 64 * 1024 * 1024;

    /// <summary>Null when the file is within bounds, else the refusal.</summary>
    public static CleaningRefusal? Check(byte[] pdf)
    {
        long openers = CountOpeners(pdf);
        var inflated = 0L;
        var text = Encoding.Latin1.GetString(pdf);
        foreach (Match decoded in DecodedStreamType().Matches(text))
        {
            // The stream whose dictionary names the type: its data follows the next "stream" keyword.
            var keyword = StreamKeyword().Match(text, decoded.Index);
            var start = text.LastIndexOf("obj", decoded.Index, StringComparison.Ordinal);
            if (!keyword.Success || start < 0)
            {
                return CleaningRefusal.Unreadable;
            }

            var dictionary = text[start..keyword.Index];
            var length = DirectLength().Match(dictionary);
            var dataStart = keyword.Index + keyword.Length;
            if (!length.Success || !int.TryParse(length.Groups[1].Value, out var size) || size < 0 || dataStart + size > pdf.Length)
            {
                // An indirect or missing length could point PDFsharp at bytes other than these.
                return CleaningRefusal.Unreadable;
            }

            if (!dictionary.Contains("/Filter", StringComparison.Ordinal))
            {
                continue; // Not compressed: its bytes were counted with the file's.
            }

            if (!FlateOnly().IsMatch(dictionary))
            {
                return CleaningRefusal.Unreadable;
            }

            try
            {
                using var inflater = new ZLibStream(new MemoryStream(pdf, dataStart, size, writable: false), CompressionMode.Decompress);
                var buffer = new byte[64 * 1024];
                int read;
                var previous = (byte)0;
                while ((read = inflater.Read(buffer)) > 0)
                {
                    inflated += read;
                    if (inflated > MaxInflatedBytes)
                    {
                        return CleaningRefusal.Unreadable;
                    }

                    openers += CountOpeners(buffer.AsSpan(0, read), ref previous);
                }
            }
            catch (InvalidDataException)
            {
                return CleaningRefusal.Unreadable;
            }
        }

        return openers > MaxOpeners ? CleaningRefusal.Unreadable : null;
    }

    private static long CountOpeners(ReadOnlySpan<byte> bytes)
    {
        var previous = (byte)0;
        return CountOpeners(bytes, ref previous);
    }

    /// <summary>Counts '[' and each '&lt;' that follows a '&lt;' (an upper bound on "&lt;&lt;").</summary>
    private static long CountOpeners(ReadOnlySpan<byte> bytes, ref byte previous)
    {
        long count = 0;
        foreach (var b in bytes)
        {
            if (b == (byte)'[' || (b == (byte)'<' && previous == (byte)'<'))
            {
                count++;
            }

            previous = b;
        }

        return count;
    }

    /// <summary>The names ObjStm and XRef, also written with #xx escapes, as PDFsharp would read them.</summary>
    [GeneratedRegex("/(?:O|#4[Ff])(?:b|#62)(?:j|#6[Aa])(?:S|#53)(?:t|#74)(?:m|#6[Dd])|/(?:X|#58)(?:R|#52)(?:e|#65)(?:f|#66)")]
    private static partial Regex DecodedStreamType();

    [GeneratedRegex(@"stream(?:\r\n|\n|\r)")]
    private static partial Regex StreamKeyword();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)")]
    private static partial Regex DirectLength();

    [GeneratedRegex(@"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])")]
    private static partial Regex FlateOnly();
}
