using System.Text.RegularExpressions;

namespace AntiCorruption.Core.Validation;

/// <summary>Formats of the ways a person can be reached: Thai phone numbers, email, LINE user id.</summary>
public static partial class ContactFormats
{
    /// <summary>
    /// Normalises a Thai phone number to its national form (0XXXXXXXX or 0XXXXXXXXX), accepting
    /// spaces, dashes, dots, brackets and the +66 prefix. Mobile numbers are 10 digits starting
    /// 06, 08 or 09; fixed lines are 9 digits starting 02 to 07.
    /// </summary>
    public static bool TryNormalizeThaiPhone(string input, out string normalized)
    {
        normalized = "";
        var digits = new System.Text.StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        if (input.TrimStart().StartsWith('+'))
        {
            if (!number.StartsWith("66", StringComparison.Ordinal))
            {
                return false;
            }

            number = "0" + number[2..];
        }

        if (!MobileOrFixed().IsMatch(number))
        {
            return false;
        }

        normalized = number;
        return true;
    }

    /// <summary>
    /// A Thai national id: 13 digits (dashes and spaces allowed) whose last digit is
    /// (11 - (sum of digit i x (14 - i), i = 1..12) mod 11) mod 10. It proves the form, not that the person exists.
    /// </summary>
    public static bool TryNormalizeThaiNationalId(string input, out string normalized)
    {
        normalized = string.Concat(input.Where(c => c is not ('-' or ' ')));
        if (normalized.Length != 13 || !normalized.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (normalized[i] - '0') * (13 - i);
        }

        return (11 - (sum % 11)) % 10 == normalized[12] - '0';
    }

    public static bool IsEmail(string input) => input.Length <= 254 && Email().IsMatch(input);

    public static bool IsLineUserId(string input) => LineUserId().IsMatch(input);

    [GeneratedRegex("^(0[689][0-9]{8}|0[2-7][0-9]{7})$")]
    private static partial Regex MobileOrFixed();

    [GeneratedRegex(@"^[^@\s""<>()\[\],;:]{1,64}@(?=.{1,253}$)([A-Za-z0-9\u0E00-\u0E7F]([A-Za-z0-9\u0E00-\u0E7F-]{0,61}[A-Za-z0-9\u0E00-\u0E7F])?\.)+[A-Za-z\u0E00-\u0E7F]{2,63}$")]
    private static partial Regex Email();

    [GeneratedRegex("^U[0-9a-f]{32}$")]
    private static partial Regex LineUserId();
}
