namespace AntiCorruption.Core.Exports;

/// <summary>
/// Neutralises text that a spreadsheet would run as a formula (CSV injection): a cell that starts
/// with =, +, -, @, a tab or a carriage return (or their full-width forms) gets a leading
/// apostrophe, which Excel and LibreOffice show as plain text.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠' ? "'" + text : text;
    }

    /// <summary>One CSV field: neutralised, and quoted when it holds a comma, quote or line break.</summary>
    public static string CsvField(string? text)
    {
        var safe = Cell(text);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
