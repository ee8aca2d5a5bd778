namespace AntiCorruption.Core.Staff;

/// <summary>
/// Staff token settings (<c>StaffAuth__Issuer</c>, <c>__Audience</c>, <c>__MetadataAddress</c>,
/// <c>__SigningKey</c>). Issuer and audience may each be a comma-separated list: Entra ID issues
/// v1 access tokens as <c>https://sts.windows.net/{tenant}/</c> and v2 ones as
/// <c>https://login.microsoftonline.com/{tenant}/v2.0</c>, and a v2 token's audience is the API's
/// client id where a v1 token's is its <c>api://</c> URI.
/// </summary>
public sealed class StaffAuthOptions
{
    public const string Section = "StaffAuth";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    /// <summary>
    /// Where the signing keys are published (Entra ID:
    /// <c>https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration</c>);
    /// empty for the first issuer's <c>/.well-known/openid-configuration</c>.
    /// </summary>
    public string MetadataAddress { get; set; } = "";

    /// <summary>
    /// Base64 HS256 key for locally issued tokens. Refused when the app runs in Azure, where
    /// signing keys come only from the issuer's OpenID metadata (Entra ID) and only RS256 is accepted.
    /// </summary>
    public string SigningKey { get; set; } = "";

    public IReadOnlyList<string> Issuers => Split(Issuer);

    public IReadOnlyList<string> Audiences => Split(Audience);

    public string MetadataAddressOrDefault =>
        MetadataAddress.Length > 0 ? MetadataAddress : Issuers.FirstOrDefault("").TrimEnd('/') + "/.well-known/openid-configuration";

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// The app roles staff tokens carry in their <c>roles</c> claim: a duty (what the person may do)
/// and a scope (which region's records). infra/entra/staff-api.json declares exactly these.
/// </summary>
public static class StaffRoles
{
    public const string ComplaintsRead = "Complaints.Read";
    public const string ComplaintsManage = "Complaints.Manage";
    public const string ComplaintsIdentity = "Complaints.Identity";
    public const string WorkshopsManage = "Workshops.Manage";
    public const string WorkshopsCheckIn = "Workshops.CheckIn";
    public const string SummariesRead = "Summaries.Read";
    public const string AuditRead = "Audit.Read";

    /// <summary>Head office: every region.</summary>
    public const string AllRegions = "Region.All";

    public static IReadOnlyList<string> Duties { get; } =
        [ComplaintsRead, ComplaintsManage, ComplaintsIdentity, WorkshopsManage, WorkshopsCheckIn, SummariesRead, AuditRead];

    /// <summary><c>Region.0</c> (the central office, which handles Bangkok) to <c>Region.9</c>, and <see cref="AllRegions"/>.</summary>
    public static IReadOnlyList<string> Scopes { get; } = [.. Enumerable.Range(0, 10).Select(Region), AllRegions];

    public static string Region(int region) => $"Region.{region}";
}

/// <summary>
/// An authenticated staff member: a stable id (Entra <c>oid</c>, else <c>sub</c>), the name the
/// token gives (for people reading the audit trail; may be empty), roles, and the scope they make.
/// </summary>
public sealed record StaffMember(string Id, string Name, IReadOnlySet<string> Roles)
{
    public StaffScope Scope { get; } = StaffScope.Of(Roles);

    public bool Has(string role) => Roles.Contains(role);
}
