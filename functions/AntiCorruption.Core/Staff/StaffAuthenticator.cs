using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// Validates staff bearer tokens: signature, issuer, audience and lifetime, signed tokens only
/// (so <c>alg: none</c> fails), and only the algorithm the key is for. Locally the key is
/// <c>StaffAuth__SigningKey</c> (HS256); in Azure, Entra ID's keys from its OpenID metadata (RS256).
/// </summary>
public sealed class StaffAuthenticator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    public StaffAuthenticator(IOptions<StaffAuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            RoleClaimType = "roles",
        };
        if (settings.SigningKey.Length > 0)
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey));
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            _parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            _parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                settings.Issuer.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = true });
        }
    }

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
        var id = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new StaffMember(id, roles);
    }

    /// <summary>Issues a local HS256 token (for tests and local tools; never used in Azure).</summary>
    public static string IssueLocalToken(StaffAuthOptions options, string subject, IEnumerable<string> roles, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["roles"] = roles.ToArray() };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
