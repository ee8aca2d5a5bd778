using System.Globalization;
using System.Text;

namespace AntiCorruption.Core.Validation;

/// <summary>The values staff lists take in their query: Bangkok dates, and continuation tokens as URL-safe text.</summary>
public static class QueryValues
{
    /// <summary>A Bangkok calendar date written YYYY-MM-DD, or null (with an error when it was given and is not one).</summary>
    public static DateOnly? Date(string? text, string name, ValidationErrors errors, int firstYear = 1950)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= firstYear && date.Year <= 2200)
        {
            return date;
        }

        errors.Add(name, Messages.InvalidDate);
        return null;
    }

    /// <summary>A continuation token: the text, base64url without padding, so it goes in a query as it is.</summary>
    public static string Token(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The text of a token made by <see cref="Token"/>, or null when it is not one (bounded, so a huge one costs nothing).</summary>
    public static string? TextOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 400)
        {
            return null;
        }

        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }
}
