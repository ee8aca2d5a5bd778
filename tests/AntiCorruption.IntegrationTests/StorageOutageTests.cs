using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>The app pointed at storage that does not answer.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(Azurite.Unreachable());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Health_StorageUnreachable_Is503NamingEachFailingCheck()
    {
        var response = await _app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.All(body.GetProperty("checks").EnumerateObject(), check => Assert.NotEqual("healthy", check.Value.GetString()));
    }

    [Fact]
    public async Task Submit_StorageUnreachable_Is503WithRetryAfter()
    {
        var response = await _app.PostJsonAsync("api/complaints", new
        {
            category = "bribery",
            province = "TH-80",
            agency = "อบต. ท่าศาลา",
            description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาต",
            anonymous = true,
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("trackingCode", body, StringComparison.Ordinal);
    }
}
