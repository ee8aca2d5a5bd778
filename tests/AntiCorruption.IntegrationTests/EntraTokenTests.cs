using System.Net;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Sign-in as it happens in Azure: a host that trusts a tenant's v1 and v2 issuers and both forms
/// of the API's audience, with keys from the tenant's OpenID metadata (served here on loopback).
/// </summary>
public sealed class EntraTokenTests : IAsyncLifetime
{
    private FakeEntraId _entra = null!;
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntraId.StartAsync();
        // As in Azure: the platform's marker is set; the development key of the test settings stays
        // set, and the local issuer and audience are trusted as well, to show the key alone is refused.
        _app = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            ("StaffAuth:Issuer", $"{FakeEntraId.V2Issuer},{FakeEntraId.V1Issuer},{TestKeys.StaffIssuer}"),
            ("StaffAuth:Audience", $"{FakeEntraId.ApiClientId},{FakeEntraId.ApiUri},{TestKeys.StaffAudience}"),
            ("StaffAuth:MetadataAddress", _entra.MetadataAddress),
            (RuntimePlatform.AzureMarker, "anticorruption-test"),
            ("AzureWebJobs:ProcessComplaint:Disabled", "true"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private async Task<HttpStatusCode> SummariesWithAsync(string token) =>
        (await _app.StaffWithTokenAsync(HttpMethod.Get, "api/staff/summaries", null, token)).StatusCode;

    [Fact]
    public async Task Token_EntraV2AccessToken_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await SummariesWithAsync(_entra.V2AccessToken(StaffRoles.SummariesRead, StaffRoles.AllRegions)));
    }

    [Fact]
    public async Task Token_EntraV1AccessToken_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await SummariesWithAsync(_entra.V1AccessToken(StaffRoles.SummariesRead, StaffRoles.AllRegions)));
    }

    [Fact]
    public async Task Token_AccessTokenWithoutTheRole_Is403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await SummariesWithAsync(_entra.V2AccessToken(StaffRoles.ComplaintsRead, StaffRoles.AllRegions)));
    }

    [Fact]
    public async Task Token_IdTokenWithTheApisAudienceAndRoles_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SummariesWithAsync(_entra.IdToken(StaffRoles.SummariesRead, StaffRoles.AllRegions)));
    }

    [Fact]
    public async Task Token_ForAnotherApi_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SummariesWithAsync(_entra.TokenForAnotherApi(StaffRoles.SummariesRead, StaffRoles.AllRegions)));
    }

    [Fact]
    public async Task Token_DevelopmentKeyWhileInAzure_Is401()
    {
        // Its issuer and audience are trusted here too: only the key, which Azure never trusts, is wrong.
        Assert.Equal(HttpStatusCode.Unauthorized, await SummariesWithAsync(TestKeys.StaffToken(StaffRoles.SummariesRead)));
    }
}
