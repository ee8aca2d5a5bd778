using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Line;

/// <summary>What a LINE user typed, read as the step expects: a phone or email, a province by its name.</summary>
internal static class LineAnswers
{
    public static bool ReadContact(LineConversation c, string text)
    {
        if (ContactFormats.TryNormalizeThaiPhone(text, out var phone))
        {
            (c.Phone, c.Email) = (phone, null);
            return true;
        }

        var email = text.ToLowerInvariant();
        if (ContactFormats.IsEmail(email))
        {
            (c.Phone, c.Email) = (null, email);
            return true;
        }

        return false;
    }

    public static Province? FindProvince(ReferenceCatalog catalog, string text)
    {
        var name = text.Replace("จังหวัด", "", StringComparison.Ordinal).Replace("จ.", "", StringComparison.Ordinal).Trim();
        return catalog.Provinces.FirstOrDefault(p => p.NameTh == name || string.Equals(p.NameEn, name, StringComparison.OrdinalIgnoreCase))
            ?? (name is "กทม" or "กทม." or "กรุงเทพ" or "กรุงเทพฯ" ? catalog.FindProvince("TH-10") : null);
    }
}
