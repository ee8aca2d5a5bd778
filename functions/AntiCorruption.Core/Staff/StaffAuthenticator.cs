using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Validates staff bearer tokens: signature, issuer, audience and lifetime, signed tokens only
/// (so <c>alg: none</c> fails), only the algorithm the key is for, and only access tokens. Locally
/// the key is <c>StaffAuth__SigningKey</c> (HS256); in Azure, Entra ID's keys from its OpenID
/// metadata (RS256), whatever the settings say.
/// </summary>
public sealed class StaffAuthenticator
{
    /// <summary>Where a token may carry the person's sign-in address: v2 tokens <c>email</c>/<c>preferred_username</c>, v1 <c>upn</c>.</summary>
    private static readonly string[] AddressClaims = ["email", "preferred_username", "upn"];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    /// <summary>The delegated permission the workspace asks for, as the app registration exposes it (infra/entra).</summary>
    public const string Scope = "access_as_user";

    /// <param name="refusals">Where refused calls are written (the audit trail); none in unit tests of tokens alone.</param>
    public StaffAuthenticator(IOptions<StaffAuthOptions> options, RuntimePlatform platform, Audit.RefusedCallRecorder? refusals = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(platform);
        Refusals = refusals;
        var settings = options.Value;
        _parameters = new TokenValidationParameters
        {
            ValidIssuers = settings.Issuers,
            ValidAudiences = settings.Audiences,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            RoleClaimType = "roles",
        };
        // In Azure a development key is never trusted, even if a setting carries one there.
        if (settings.SigningKey.Length > 0 && !platform.InAzure)
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey));
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            _parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            var metadata = settings.MetadataAddressOrDefault;
            _parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                metadata,
                new OpenIdConnectConfigurationRetriever(),
                // Plain HTTP only to this machine: the tests serve their own metadata document.
                new HttpDocumentRetriever { RequireHttps = !(Uri.TryCreate(metadata, UriKind.Absolute, out var uri) && uri.IsLoopback) });
        }
    }

    public Audit.RefusedCallRecorder? Refusals { get; }

    /// <summary>The staff member a <c>Bearer</c> header proves, or null when it proves nothing.</summary>
    public async Task<StaffMember?> AuthenticateAsync(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 16_384)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(authorization[Scheme.Length..].Trim(), _parameters);
        if (!result.IsValid)
        {
            return null;
        }

        var identity = result.ClaimsIdentity;
        if (!IsAccessToken(identity))
        {
            return null;
        }

        var id = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var address = AddressClaims.Select(c => identity.FindFirst(c)?.Value).FirstOrDefault(v => v is { Length: > 3 and <= 254 } && v.Contains('@', StringComparison.Ordinal));
        return new StaffMember(id, identity.FindFirst("name")?.Value ?? "", roles) { Email = address };
    }

    /// <summary>
    /// Entra ID gives an access token the delegated permissions granted to the client app
    /// (<c>scp</c>) and names that app (<c>azp</c> in v2, <c>appid</c> in v1). An ID token, which
    /// can carry the same audience and roles, has neither, and carries the sign-in's nonce.
    /// </summary>
    private static bool IsAccessToken(System.Security.Claims.ClaimsIdentity identity) =>
        identity.FindFirst("nonce") is null
        && identity.FindFirst("scp") is not null
        && (identity.FindFirst("azp") ?? identity.FindFirst("appid")) is not null;

    /// <summary>Issues a local HS256 access token (for tests and local tools; refused in Azure).</summary>
    public static string IssueLocalToken(StaffAuthOptions options, string subject, IEnumerable<string> roles, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null, string? name = null, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["roles"] = roles.ToArray(), ["scp"] = Scope, ["azp"] = "local-workspace", ["ver"] = "2.0", ["name"] = name ?? subject };
        if (email is not null)
        {
            claims["email"] = email;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuers[0],
            Audience = options.Audiences[0],
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
