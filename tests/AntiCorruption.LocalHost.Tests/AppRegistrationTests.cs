using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>The app registration that scripts/register-staff-app.sh applies, against what the app checks.</summary>
public class AppRegistrationTests
{
    private static JsonElement Manifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "entra", "staff-api.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Manifest_DeclaresEveryDutyAndScopeRoleForPeople()
    {
        var roles = Manifest().GetProperty("appRoles").EnumerateArray().ToArray();

        Assert.Equal(StaffRoles.Duties.Concat(StaffRoles.Scopes).Order(), roles.Select(r => r.GetProperty("value").GetString()).Order());
        Assert.All(roles, r => Assert.Equal(["User"], r.GetProperty("allowedMemberTypes").EnumerateArray().Select(t => t.GetString())));
        Assert.All(roles, r => Assert.True(r.GetProperty("isEnabled").GetBoolean()));
        Assert.Equal(roles.Length, roles.Select(r => Guid.Parse(r.GetProperty("id").GetString()!)).Distinct().Count());
    }

    [Fact]
    public void Manifest_AsksForV2AccessTokensAndExposesTheScopeTheAppRequires()
    {
        var api = Manifest().GetProperty("api");

        Assert.Equal(2, api.GetProperty("requestedAccessTokenVersion").GetInt32());
        var scope = Assert.Single(api.GetProperty("oauth2PermissionScopes").EnumerateArray());
        Assert.Equal(StaffAuthenticator.Scope, scope.GetProperty("value").GetString());
        Assert.Equal("User", scope.GetProperty("type").GetString());
    }
}
