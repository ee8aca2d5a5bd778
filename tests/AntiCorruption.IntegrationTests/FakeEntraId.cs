using System.Security.Claims;
using System.Security.Cryptography;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A tenant's sign-in service on a loopback port: its OpenID metadata and signing keys, as Entra
/// ID publishes them, and tokens signed with its RS256 key in the shapes Entra ID issues (v1 and
/// v2 access tokens, ID tokens).
/// </summary>
public sealed class FakeEntraId : IAsyncDisposable
{
    public const string Tenant = "8b1f5d3c-2e47-4a8f-9c61-0d2e7f4a5b90";
    public const string ApiClientId = "5e0b6c2a-9d41-4f37-8a15-c3e2d7b9f604";
    public const string WorkspaceClientId = "c7a4e913-5b2f-4d08-b6e1-2f9a0c8d3e57";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private FakeEntraId(WebApplication app, RsaSecurityKey key, string metadataAddress)
    {
        _app = app;
        _key = key;
        MetadataAddress = metadataAddress;
    }

    public static string V1Issuer => $"https://sts.windows.net/{Tenant}/";
    public static string V2Issuer => $"https://login.microsoftonline.com/{Tenant}/v2.0";
    public static string ApiUri => $"api://{ApiClientId}";

    public string MetadataAddress { get; }

    public static async Task<FakeEntraId> StartAsync()
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        var baseUrl = $"http://127.0.0.1:{port}/{Tenant}";
        app.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = V2Issuer,
            ["jwks_uri"] = $"{baseUrl}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{baseUrl}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{baseUrl}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet($"/{Tenant}/discovery/v2.0/keys", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } },
        }));
        await app.StartAsync();
        return new FakeEntraId(app, key, $"{baseUrl}/v2.0/.well-known/openid-configuration");
    }

    /// <summary>A v2 access token for the API: audience the client id, the workspace as <c>azp</c>.</summary>
    public string V2AccessToken(params string[] roles) => Sign(V2Issuer, ApiClientId, new()
    {
        ["ver"] = "2.0", ["azp"] = WorkspaceClientId, ["scp"] = "access_as_user", ["roles"] = roles,
    });

    /// <summary>A v1 access token for the API: audience the <c>api://</c> URI, the workspace as <c>appid</c>.</summary>
    public string V1AccessToken(params string[] roles) => Sign(V1Issuer, ApiUri, new()
    {
        ["ver"] = "1.0", ["appid"] = WorkspaceClientId, ["scp"] = "access_as_user", ["roles"] = roles,
    });

    /// <summary>An ID token for the same app registration: the API's own audience and roles, but proof of a sign-in, not access.</summary>
    public string IdToken(params string[] roles) => Sign(V2Issuer, ApiClientId, new()
    {
        ["ver"] = "2.0", ["nonce"] = "n-0S6_WzA2Mj", ["roles"] = roles,
    });

    /// <summary>A v2 access token for another API of the tenant.</summary>
    public string TokenForAnotherApi(params string[] roles) => Sign(V2Issuer, "00000003-0000-0000-c000-000000000000", new()
    {
        ["ver"] = "2.0", ["azp"] = WorkspaceClientId, ["scp"] = "User.Read", ["roles"] = roles,
    });

    private string Sign(string issuer, string audience, Dictionary<string, object> claims)
    {
        // Tokens are judged against the wall clock by the host's token handler: stamped relative to it.
        var now = DateTime.UtcNow;
        claims["oid"] = "0d8c6b41-7a2e-4f95-b3c8-1e6f9a2d4b70";
        claims["tid"] = Tenant;
        claims["name"] = "สมศรี ตรวจสอบ";
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")]),
            Claims = claims,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
