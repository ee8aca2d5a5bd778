using System.Text.Json;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// The workspace as deployed: with a client id set it signs in with Entra ID through MSAL, served
/// by the app. The browser's calls to login.microsoftonline.com are answered here with the
/// tenant's published metadata shapes, so the test sees exactly what the page would send there.
/// </summary>
[Collection(AppTests.Name)]
public sealed class WorkspaceEntraSignInTests
{
    private const string Login = "https://login.microsoftonline.com";

    [Fact]
    public async Task SignIn_GoesToTheTenantWithACodeChallenge_AndNoTokenInAnyUrlOrLocalStorage()
    {
        await using var app = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            ("StaffAuth:Audience", $"{FakeEntraId.ApiClientId},{FakeEntraId.ApiUri}"),
            ("StaffAuth:ClientId", FakeEntraId.ApiClientId),
            ("StaffAuth:Authority", $"{Login}/{FakeEntraId.Tenant}"),
            ("AzureWebJobs:ProcessComplaint:Disabled", "true"));
        await using var browser = await WorkspaceBrowser.LaunchAsync(app);
        var authorize = new TaskCompletionSource<string>();
        var page = await browser.OpenAsync(WorkspaceBrowser.Desktop, options: new BrowserNewContextOptions());
        await page.Context.RouteAsync($"{Login}/**", async route =>
        {
            var url = route.Request.Url;
            if (url.Contains("/oauth2/v2.0/authorize", StringComparison.Ordinal))
            {
                authorize.TrySetResult(url);
                await route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<!doctype html><title>Sign in</title>" });
            }
            else if (url.Contains("discovery/instance", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = JsonSerializer.Serialize(InstanceDiscovery) });
            }
            else
            {
                await route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = JsonSerializer.Serialize(Metadata) });
            }
        });
        await page.ReloadAsync();

        await page.ClickAsync("#sign-in");
        var sent = new Uri(await authorize.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        var query = System.Web.HttpUtility.ParseQueryString(sent.Query);

        Assert.StartsWith($"{Login}/{FakeEntraId.Tenant}/oauth2/v2.0/authorize", sent.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        Assert.Equal(FakeEntraId.ApiClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal($"{app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/api/staff", query["redirect_uri"]);
        Assert.Contains($"{FakeEntraId.ApiUri}/access_as_user", query["scope"], StringComparison.Ordinal);
        Assert.Null(query["access_token"]);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(browser.Errors);
    }

    private static object Metadata => new
    {
        issuer = $"{Login}/{FakeEntraId.Tenant}/v2.0",
        authorization_endpoint = $"{Login}/{FakeEntraId.Tenant}/oauth2/v2.0/authorize",
        token_endpoint = $"{Login}/{FakeEntraId.Tenant}/oauth2/v2.0/token",
        end_session_endpoint = $"{Login}/{FakeEntraId.Tenant}/oauth2/v2.0/logout",
        jwks_uri = $"{Login}/{FakeEntraId.Tenant}/discovery/v2.0/keys",
        response_types_supported = new[] { "code" },
    };

    private static object InstanceDiscovery => new Dictionary<string, object>
    {
        ["tenant_discovery_endpoint"] = $"{Login}/{FakeEntraId.Tenant}/v2.0/.well-known/openid-configuration",
        ["api-version"] = "1.1",
        ["metadata"] = new[] { new { preferred_network = "login.microsoftonline.com", preferred_cache = "login.windows.net", aliases = new[] { "login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net" } } },
    };
}
