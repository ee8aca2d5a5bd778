using AntiCorruption.Core.Validation;

namespace AntiCorruption.Functions.Summaries;

/// <summary>The one answer for a summary file that is not there for the caller: missing, misnamed or out of scope alike.</summary>
internal static class SummaryProblems
{
    public static readonly LocalizedText NoSuchFile = new("ไม่พบไฟล์สรุปนี้", "No such summary file.");
}
