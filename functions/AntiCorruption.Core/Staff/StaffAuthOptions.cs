namespace AntiCorruption.Core.Staff;

/// <summary>Staff token settings (<c>StaffAuth__Issuer</c>, <c>__Audience</c>, <c>__SigningKey</c>).</summary>
public sealed class StaffAuthOptions
{
    public const string Section = "StaffAuth";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    /// <summary>
    /// Base64 HS256 key for locally issued tokens. When empty (as in Azure), signing keys come
    /// from the issuer's OpenID metadata (Entra ID) and only RS256 is accepted.
    /// </summary>
    public string SigningKey { get; set; } = "";
}

/// <summary>The app roles staff tokens carry in their <c>roles</c> claim.</summary>
public static class StaffRoles
{
    public const string ComplaintsRead = "Complaints.Read";
    public const string ComplaintsManage = "Complaints.Manage";
    public const string WorkshopsManage = "Workshops.Manage";
    public const string SummariesRead = "Summaries.Read";
}

/// <summary>An authenticated staff member: a stable id (Entra <c>oid</c>, else <c>sub</c>) and roles.</summary>
public sealed record StaffMember(string Id, IReadOnlySet<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role);
}
