namespace AntiCorruption.Core.Staff;

/// <summary>
/// The shape of a staff id as a client may name one (an assignee, a list filter): what Entra ID
/// puts in <c>oid</c> (a GUID) or <c>sub</c> (base64url), so letters, digits, <c>-</c> and <c>_</c>,
/// bounded. There is no directory of officers to check an id against; the shape keeps anything
/// else (markup, filter syntax, a pasted name or email) out of the rows and the audit trail.
/// </summary>
public static class StaffIds
{
    public const int MaxLength = 128;

    /// <summary>What an assignee body or filter says for "the officer calling".</summary>
    public const string Me = "me";

    /// <summary>What the list filter says for "nobody".</summary>
    public const string None = "none";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
