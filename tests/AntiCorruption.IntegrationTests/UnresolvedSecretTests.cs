using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Secrets;
using AntiCorruption.Core.Storage;
using AntiCorruption.Testing;
using Azure;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A first deployment: the platform could not resolve the Key Vault references yet (the identity's
/// role assignment is still propagating), so the keys arrive as the reference text. The app comes
/// up anyway, says why it is not ready, refuses what needs the keys with a 503, and serves once
/// Key Vault answers, in the same process.
/// </summary>
public sealed class UnresolvedSecretTests : IAsyncLifetime
{
    private const string PiiKeyReference = "@Microsoft.KeyVault(SecretUri=https://kv-pacc-test.vault.azure.net/secrets/pii-key/)";
    private const string LineSecretReference = "@Microsoft.KeyVault(VaultName=kv-pacc-test;SecretName=line-channel-secret)";

    private readonly Vault _vault = new();
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(
        (await Azurite.SharedAsync()).ConnectionString,
        services => services.AddSingleton<ISecretReader>(_vault),
        ("Pii:Key", PiiKeyReference),
        ("Line:ChannelSecret", LineSecretReference));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Start_KeyVaultNotYetReadable_Health503WithTheReason_ThenServesWithoutRestart()
    {
        var health = await HealthAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        var secrets = health.Body.GetProperty("checks").GetProperty("secrets").GetString()!;
        Assert.Contains("Pii__Key", secrets, StringComparison.Ordinal);
        Assert.Contains("Line__ChannelSecret", secrets, StringComparison.Ordinal);
        Assert.Equal("healthy", health.Body.GetProperty("checks").GetProperty("tables").GetString());
        await Eventually.GetAsync<string>(
            async () => (await HealthAsync()).Body.GetProperty("checks").GetProperty("secrets").GetString() is { } s && s.Contains("403", StringComparison.Ordinal) ? s : null,
            TimeSpan.FromSeconds(10),
            "health to report Key Vault's refusal");

        var refused = await _app.PostJsonAsync("api/complaints", Tip());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.DoesNotContain("trackingCode", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var webhook = await _app.Client.PostAsync(new Uri("api/line/webhook", UriKind.Relative), new StringContent("""{"destination":"U0","events":[]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);

        _vault.Grant(); // the role assignment takes effect

        var healthy = await Eventually.GetAsync<JsonElement?>(
            async () => await HealthAsync() is { Status: HttpStatusCode.OK } h ? h.Body : null,
            TimeSpan.FromSeconds(20),
            "health to turn 200 once Key Vault answers");
        Assert.Equal("healthy", healthy!.Value.GetProperty("checks").GetProperty("secrets").GetString());
        var accepted = await _app.PostJsonAsync("api/complaints", Tip());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var code = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await Eventually.GetAsync(async () => (await _app.ComplaintsWithCodeAsync(code)).SingleOrDefault(), TimeSpan.FromSeconds(15), "the complaint to be stored");
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(TestKeys.PiiKey, StringComparison.Ordinal) || line.Contains(TestKeys.LineChannelSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_MalformedReference_HealthNamesIt()
    {
        await using var app = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            services => services.AddSingleton<ISecretReader>(new Vault()),
            ("Pii:HashKey", "@Microsoft.KeyVault(SecretUri=http://not-https.example/secrets/x)"));

        var response = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Pii__HashKey: not a valid Key Vault reference", body.GetProperty("checks").GetProperty("secrets").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        var response = await _app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static object Tip() => new
    {
        category = "bribery",
        province = "TH-80",
        agency = "อบต. ท่าศาลา",
        description = "เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้างอาคาร",
        anonymous = true,
    };

    /// <summary>Key Vault as the app's identity sees it: 403 until its role assignment is effective.</summary>
    private sealed class Vault : ISecretReader
    {
        private volatile bool _granted;

        public void Grant() => _granted = true;

        public Task<string> ReadAsync(KeyVaultReference reference, CancellationToken cancellationToken)
        {
            if (reference.VaultUri.Host != "kv-pacc-test.vault.azure.net")
            {
                throw new RequestFailedException(0, "No such host");
            }

            if (!_granted)
            {
                throw new RequestFailedException(403, "Caller is not authorized to perform action on resource.", "Forbidden", null);
            }

            return Task.FromResult(reference.SecretName switch
            {
                "pii-key" => TestKeys.PiiKey,
                "line-channel-secret" => TestKeys.LineChannelSecret,
                _ => throw new RequestFailedException(404, "Secret not found", "SecretNotFound", null),
            });
        }
    }
}
