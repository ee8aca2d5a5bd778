using System.Net;
using System.Security.Claims;
using System.Text;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AntiCorruption.IntegrationTests;

/// <summary>Every staff route refuses bad tokens with 401 and missing roles with 403.</summary>
[Collection(AppTests.Name)]
public class StaffAuthTests(AppFixture fixture)
{
    private const string SomeId = "01M8C4FBKCA0V8FTDZHH6R0W7N";
    private readonly AppHost _app = fixture.Host;

    public static TheoryData<string, string, string> Routes => new()
    {
        { "GET", "api/staff/complaints", StaffRoles.ComplaintsRead },
        { "GET", $"api/staff/complaints/{SomeId}", StaffRoles.ComplaintsRead },
        { "PATCH", $"api/staff/complaints/{SomeId}/status", StaffRoles.ComplaintsManage },
        { "POST", $"api/staff/complaints/{SomeId}/messages", StaffRoles.ComplaintsManage },
        { "GET", "api/staff/hotspots?fiscalYear=2569", StaffRoles.ComplaintsRead },
        { "POST", "api/staff/workshops", StaffRoles.WorkshopsManage },
        { "PATCH", "api/staff/workshops/nst-2563-0702", StaffRoles.WorkshopsManage },
        { "GET", "api/staff/workshops/nst-2563-0702/attendees?format=csv", StaffRoles.WorkshopsManage },
        { "POST", "api/staff/workshops/nst-2563-0702/checkins", StaffRoles.WorkshopsManage },
        { "GET", "api/staff/summaries", StaffRoles.SummariesRead },
        { "GET", "api/staff/summaries/2569/summary.json", StaffRoles.SummariesRead },
        { "POST", "api/staff/summaries/2569/compile", StaffRoles.SummariesRead },
    };

    // The token handler checks lifetimes against the wall clock, so tokens are stamped relative
    // to it: each one is valid, expired or not yet valid whatever the hour.
    private static string Token(Action<SecurityTokenDescriptor> change, string? key = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TestKeys.StaffIssuer,
            Audience = TestKeys.StaffAudience,
            Subject = new ClaimsIdentity([new Claim("sub", "officer")]),
            // An access token in every way but the one each case changes, so each is refused for its own reason.
            Claims = new Dictionary<string, object> { ["roles"] = new[] { StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, StaffRoles.WorkshopsManage, StaffRoles.SummariesRead }, ["scp"] = StaffAuthenticator.Scope, ["azp"] = "workspace" },
            NotBefore = DateTime.UtcNow.AddMinutes(-5),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? TestKeys.StaffSigningKey)), SecurityAlgorithms.HmacSha256),
        };
        change(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string AlgNone()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        return Part("{\"alg\":\"none\"}") + "." + Part($"{{\"iss\":\"{TestKeys.StaffIssuer}\",\"aud\":\"{TestKeys.StaffAudience}\",\"sub\":\"x\",\"roles\":[\"Complaints.Read\",\"Complaints.Manage\",\"Workshops.Manage\",\"Summaries.Read\"],\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}") + ".";
    }

    public static TheoryData<string> BadTokens => new()
    {
        "none",
        "wrong key",
        "alg none",
        "expired",
        "not yet valid",
        "wrong issuer",
        "wrong audience",
    };

    private static string? Make(string kind) => kind switch
    {
        "none" => null,
        "wrong key" => Token(_ => { }, Convert.ToBase64String(Enumerable.Repeat((byte)9, 48).ToArray())),
        "alg none" => AlgNone(),
        "expired" => Token(d => { d.NotBefore = DateTime.UtcNow.AddHours(-2); d.Expires = DateTime.UtcNow.AddMinutes(-2); }),
        "not yet valid" => Token(d => { d.NotBefore = DateTime.UtcNow.AddMinutes(5); d.Expires = DateTime.UtcNow.AddHours(1); }),
        "wrong issuer" => Token(d => d.Issuer = "https://sts.windows.net/another-tenant/"),
        _ => Token(d => d.Audience = "api://another-app"),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnyStaffRoute_BadToken_Is401WithBearerChallenge(string kind)
    {
        foreach (var (method, path, _) in Routes.Select(r => ((string)r[0], (string)r[1], (string)r[2])))
        {
            var response = await _app.StaffWithTokenAsync(new HttpMethod(method), path, method == "GET" ? null : new { status = "closed", text = "x" }, Make(kind));

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {method} {path} gave {response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task StaffRoute_ValidTokenWithoutTheRole_Is403(string method, string path, string role)
    {
        var otherRoles = new[] { StaffRoles.ComplaintsRead, StaffRoles.ComplaintsManage, StaffRoles.WorkshopsManage, StaffRoles.SummariesRead }.Where(r => r != role).ToArray();

        var response = await _app.StaffAsync(new HttpMethod(method), path, method == "GET" ? null : new { status = "closed", text = "x" }, otherRoles);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
