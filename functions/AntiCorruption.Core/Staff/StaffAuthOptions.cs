namespace AntiCorruption.Core.Staff;

/// <summary>
/// Staff token settings (<c>StaffAuth__Issuer</c>, <c>__Audience</c>, <c>__MetadataAddress</c>,
/// <c>__SigningKey</c>), and what the workspace page signs in with (<c>__ClientId</c>,
/// <c>__Authority</c>, <c>__ApiScope</c>). Issuer and audience may each be a comma-separated list: Entra ID issues
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

    /// <summary>
    /// The client id the workspace page signs in as (the app registration's, which is also the
    /// API's in infra/entra). Empty: the page offers no Entra ID sign-in.
    /// </summary>
    public string ClientId { get; set; } = "";

    /// <summary>Where the page signs in; empty for the first issuer without its <c>/v2.0</c> (Entra ID's tenant authority).</summary>
    public string Authority { get; set; } = "";

    /// <summary>The delegated permission the page asks for; empty for <c>{first api:// audience}/access_as_user</c>.</summary>
    public string ApiScope { get; set; } = "";

    public IReadOnlyList<string> Issuers => Split(Issuer);

    public string AuthorityOrDefault =>
        Authority.Length > 0 ? Authority.TrimEnd('/') : Issuers.FirstOrDefault("").TrimEnd('/') is var issuer && issuer.EndsWith("/v2.0", StringComparison.Ordinal) ? issuer[..^"/v2.0".Length] : issuer;

    public string ApiScopeOrDefault =>
        ApiScope.Length > 0 ? ApiScope : $"{Audiences.FirstOrDefault(a => a.StartsWith("api://", StringComparison.Ordinal)) ?? $"api://{ClientId}"}/{StaffAuthenticator.Scope}";

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

    /// <summary>Registrants' requests that come by letter: find by phone, email or national id, export, erase.</summary>
    public const string DataRequestsManage = "DataRequests.Manage";

    /// <summary>Head office: every region.</summary>
    public const string AllRegions = "Region.All";

    public static IReadOnlyList<string> Duties { get; } =
        [ComplaintsRead, ComplaintsManage, ComplaintsIdentity, WorkshopsManage, WorkshopsCheckIn, SummariesRead, AuditRead, DataRequestsManage];

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

    /// <summary>The sign-in address the token gives (<c>email</c>, <c>preferred_username</c> or <c>upn</c>), for mail about one's cases; null without one.</summary>
    public string? Email { get; init; }

    public bool Has(string role) => Roles.Contains(role);
}
