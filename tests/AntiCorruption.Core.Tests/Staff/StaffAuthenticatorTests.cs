using System.Security.Claims;
using System.Text;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AntiCorruption.Core.Tests.Staff;

public class StaffAuthenticatorTests
{
    private readonly StaffAuthenticator _authenticator = new(Options.Create(TestKeys.StaffAuth()), new RuntimePlatform(InAzure: false));

    // The token handler checks lifetimes against the wall clock, so tokens are stamped relative
    // to it: each one is valid, expired or not yet valid whatever the hour.
    private static string Token(Action<SecurityTokenDescriptor>? change = null, string? key = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TestKeys.StaffIssuer,
            Audience = TestKeys.StaffAudience,
            Subject = new ClaimsIdentity([new Claim("oid", "officer-1")]),
            Claims = new Dictionary<string, object> { ["roles"] = new[] { StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage }, ["scp"] = StaffAuthenticator.Scope, ["azp"] = "workspace" },
            NotBefore = DateTime.UtcNow.AddMinutes(-5),
            IssuedAt = DateTime.UtcNow.AddMinutes(-5),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? TestKeys.StaffSigningKey)), SecurityAlgorithms.HmacSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    [Fact]
    public async Task Authenticate_ValidToken_GivesIdAndEveryRole()
    {
        var staff = await _authenticator.AuthenticateAsync("Bearer " + Token());

        Assert.NotNull(staff);
        Assert.Equal("officer-1", staff.Id);
        Assert.True(staff.Has(StaffRoles.ComplaintsRead));
        Assert.True(staff.Has(StaffRoles.ComplaintsManage));
        Assert.False(staff.Has(StaffRoles.SummariesRead));
    }

    [Fact]
    public async Task Authenticate_LocalTokenFromTheHelper_IsValid()
    {
        var staff = await _authenticator.AuthenticateAsync("Bearer " + TestKeys.StaffToken(StaffRoles.SummariesRead));

        Assert.True(staff!.Has(StaffRoles.SummariesRead));
    }

    public static TheoryData<string, Func<string?>> BadHeaders => new()
    {
        { "no header", () => null },
        { "other scheme", () => "Basic b2ZmaWNlcjpwYXNz" },
        { "not a token", () => "Bearer not.a.token" },
        { "wrong key", () => "Bearer " + Token(key: Convert.ToBase64String(Enumerable.Repeat((byte)7, 48).ToArray())) },
        { "expired", () => "Bearer " + Token(d => { d.NotBefore = DateTime.UtcNow.AddHours(-2); d.IssuedAt = d.NotBefore; d.Expires = DateTime.UtcNow.AddMinutes(-5); }) },
        { "not yet valid", () => "Bearer " + Token(d => { d.NotBefore = DateTime.UtcNow.AddMinutes(10); d.IssuedAt = d.NotBefore; d.Expires = DateTime.UtcNow.AddHours(1); }) },
        { "wrong issuer", () => "Bearer " + Token(d => d.Issuer = "https://evil.example/") },
        { "wrong audience", () => "Bearer " + Token(d => d.Audience = "api://something-else") },
        { "no expiry", () => "Bearer " + Token(d => d.Expires = null) },
        { "alg none", () => "Bearer " + Unsigned() },
        { "signature stripped", () => "Bearer " + string.Join('.', Token().Split('.')[..2]) + "." },
        { "no subject", () => "Bearer " + Token(d => d.Subject = new ClaimsIdentity()) },
        { "ID token", () => "Bearer " + Token(d => d.Claims = new Dictionary<string, object> { ["roles"] = new[] { StaffRoles.ComplaintsRead }, ["nonce"] = "n-1" }) },
        { "no delegated scope", () => "Bearer " + Token(d => d.Claims.Remove("scp")) },
        { "no client app", () => "Bearer " + Token(d => d.Claims.Remove("azp")) },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Authenticate_BadToken_IsRefused(string why, Func<string?> header)
    {
        Assert.True(await _authenticator.AuthenticateAsync(header()) is null, why);
    }

    [Fact]
    public async Task Authenticate_DevelopmentKeyInAzure_IsRefused()
    {
        // Its metadata address is nowhere: in Azure the key in the settings is simply not used.
        var inAzure = new StaffAuthenticator(Options.Create(TestKeys.StaffAuth()), new RuntimePlatform(InAzure: true));

        Assert.Null(await inAzure.AuthenticateAsync("Bearer " + Token()));
    }

    [Fact]
    public async Task Authenticate_AnyIssuerAndAudienceOfTheLists_IsAccepted()
    {
        var options = TestKeys.StaffAuth();
        options.Issuer = "https://sts.windows.net/t/, " + TestKeys.StaffIssuer;
        options.Audience = "5e0b6c2a-9d41-4f37-8a15-c3e2d7b9f604," + TestKeys.StaffAudience;
        var lists = new StaffAuthenticator(Options.Create(options), new RuntimePlatform(InAzure: false));

        Assert.NotNull(await lists.AuthenticateAsync("Bearer " + Token()));
        Assert.NotNull(await lists.AuthenticateAsync("Bearer " + Token(d => { d.Issuer = "https://sts.windows.net/t/"; d.Audience = "5e0b6c2a-9d41-4f37-8a15-c3e2d7b9f604"; })));
        Assert.Null(await lists.AuthenticateAsync("Bearer " + Token(d => d.Issuer = "https://sts.windows.net/other/")));
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
            Part($"{{\"iss\":\"{TestKeys.StaffIssuer}\",\"aud\":\"{TestKeys.StaffAudience}\",\"oid\":\"x\",\"roles\":[\"Complaints.Read\"],\"exp\":{exp}}}") + ".";
    }
}
