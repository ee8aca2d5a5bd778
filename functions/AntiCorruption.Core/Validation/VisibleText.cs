using System.Globalization;
using System.Text;

namespace AntiCorruption.Core.Validation;

/// <summary>
/// Text measured as a person sees it. A limit is counted in user-perceived characters (extended
/// grapheme clusters: an emoji, or a Thai consonant with its vowel and tone marks, is one), and a
/// minimum only in characters that show something, so zero-width spaces or Hangul fillers cannot
/// pass for a description.
/// </summary>
public static class VisibleText
{
    /// <summary>
    /// Marks stacked on one character. Written Thai stacks at most three (a consonant with a
    /// vowel below or above, a tone mark and a thanthakhat), Vietnamese two; more is "Zalgo"
    /// text drawn over the lines around it in a list or a spreadsheet.
    /// </summary>
    public const int MaxMarksPerCharacter = 4;

    /// <summary>UTF-8 bytes a field may take per character of its limit: a limit written in Thai, three bytes a letter, is what storage and the queue message are planned for.</summary>
    public const int BytesPerCharacter = 3;

    /// <summary>Characters a person sees (whitespace included).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Characters that show something: not only whitespace, invisible format characters, fillers or marks.</summary>
    public static int VisibleLength(string text)
    {
        var visible = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            if (Shows(elements.GetTextElement()))
            {
                visible++;
            }
        }

        return visible;
    }

    /// <summary>The most marks stacked on any one character of the text.</summary>
    public static int MostStackedMarks(string text)
    {
        var most = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var marks = 0;
            foreach (var c in elements.GetTextElement())
            {
                if (IsStackingMark(c))
                {
                    marks++;
                }
            }

            most = Math.Max(most, marks);
        }

        return most;
    }

    /// <summary>
    /// Removes what only changes how text is laid out, which is invisible where it is typed and
    /// misleading where it is read: direction embeddings, overrides, isolates and marks
    /// everywhere (they can make a list or a CSV show characters in another order, as in
    /// "Trojan Source"), and the byte-order mark. A single-line field (a name, an agency) loses
    /// every invisible format character, zero-width spaces and joiners included, so that two
    /// spellings of one agency are one.
    /// </summary>
    public static string WithoutInvisibleFormatting(string text, bool singleLine)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsDirectionControl(c) && c != '\uFEFF' && !(singleLine && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            {
                kept.Append(c);
            }
        }

        return kept.Length == text.Length ? text : kept.ToString();
    }

    private static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsStackingMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        // Variation selectors only choose a glyph (emoji or text style): nothing stacks.
        && c is not (>= '\uFE00' and <= '\uFE0F');

    private static bool Shows(string element)
    {
        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            if (char.IsWhiteSpace(c) || IsBlank(c))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(element, i);
            if (category is not (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Surrogate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Letters and symbols that are drawn as nothing: Hangul fillers, the blank Braille pattern, the combining grapheme joiner.</summary>
    private static bool IsBlank(char c) => c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F';
}
