using System.Text;
using System.Text.RegularExpressions;

namespace AntiCorruption.Core.Hotspots;

/// <summary>
/// Brings the ways people write one agency to one key: Thai abbreviations spelled out
/// (อบต. = องค์การบริหารส่วนตำบล), common misspellings fixed, spaces and dots dropped, Latin
/// letters lower-cased. "อบต. ท่าศาลา", "อบต.ท่าศาลา" and "องค์การบริหารส่วนตำบล ท่าศาลา" are one.
/// </summary>
public static partial class AgencyNames
{
    /// <summary>Longest first, so รพ.สต. is read before รพ.</summary>
    private static readonly (string Short, string Long)[] Abbreviations =
    [
        ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
        ("อบต.", "องค์การบริหารส่วนตำบล"),
        ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
        ("สนง.", "สำนักงาน"),
        ("ทต.", "เทศบาลตำบล"),
        ("ทม.", "เทศบาลเมือง"),
        ("ทน.", "เทศบาลนคร"),
        ("รพ.", "โรงพยาบาล"),
        ("ร.ร.", "โรงเรียน"),
        ("รร.", "โรงเรียน"),
        ("กทม.", "กรุงเทพมหานคร"),
        ("จ.", "จังหวัด"),
        ("อ.", "อำเภอ"),
        ("ต.", "ตำบล"),
    ];

    private static readonly (string Wrong, string Right)[] Misspellings =
    [
        ("องค์กรบริหารส่วน", "องค์การบริหารส่วน"),
        ("องการบริหารส่วน", "องค์การบริหารส่วน"),
        ("เทศบาลต.", "เทศบาลตำบล"),
        ("สำนักงานเขตร์", "สำนักงานเขต"),
    ];

    public static string Normalize(string? agency)
    {
        if (string.IsNullOrWhiteSpace(agency))
        {
            return "";
        }

        var text = agency.Normalize(NormalizationForm.FormC).Trim();
        foreach (var (wrong, right) in Misspellings)
        {
            text = text.Replace(wrong, right, StringComparison.Ordinal);
        }

        // Abbreviations count only where a word starts (after the start or a space), with or without their dot.
        foreach (var (abbreviation, full) in Abbreviations)
        {
            var bare = abbreviation.TrimEnd('.');
            text = Regex.Replace(text, $@"(^|\s){Regex.Escape(abbreviation)}|(^|\s){Regex.Escape(bare)}(?=\s)", m => m.Value.StartsWith(' ') ? " " + full : full);
        }

        return Spacing().Replace(text, "").Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spacing();
}
