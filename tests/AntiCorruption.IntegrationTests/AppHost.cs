using System.Net.Http.Json;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Testing;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The whole app on the LocalHost, on a free port, over a real Azurite: what ./run.sh serves.
/// A failed queue message is retried at once here (visibilityTimeout 0) to keep tests short;
/// everything else comes from the repo's host.json.
/// <para>
/// The host runs on the wall clock, as in production: Azurite judges queue visibility and
/// blob leases by it, staff tokens are checked against it, and LINE events carry real times. So
/// tests that use this host stamp what they send relative to now (a workshop forty days ahead, an
/// event a minute old) and assert only what holds at any hour; rules that depend on the date
/// (deadlines, fiscal years, retention) are tested with a fixed clock in the Core and Functions tests.
/// </para>
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private AppHost(WebApplication app, HttpClient client, CapturedLogs logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }
    public HttpClient Client { get; }
    public CapturedLogs Logs { get; }

    public StorageAccount Storage => App.Services.GetRequiredService<StorageAccount>();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The stored complaints whose tracking code is <paramref name="code"/>: one, once it is processed.</summary>
    public async Task<List<ComplaintEntity>> ComplaintsWithCodeAsync(string code)
    {
        var hash = Service<TrackingCodes>().Hash(code);
        var found = new List<ComplaintEntity>();
        await foreach (var entity in Storage.Table(StorageNames.ComplaintsTable).QueryAsync<ComplaintEntity>(TableClient.CreateQueryFilter($"TrackingHash eq {hash}")))
        {
            found.Add(entity);
        }

        return found;
    }

    public static Task<AppHost> StartAsync(string storageConnection, params (string Key, string Value)[] settings) =>
        StartAsync(storageConnection, clock: null, settings);

    /// <param name="clock">The app's clock instead of the wall clock: to ask the running app about a later hour.</param>
    public static Task<AppHost> StartAsync(string storageConnection, TimeProvider? clock, params (string Key, string Value)[] settings) =>
        StartAsync(storageConnection, services => { if (clock is not null) { services.AddSingleton(clock); } }, settings);

    /// <param name="services">Registered before the app's own services: what the app adds with TryAdd (a clock, a Key Vault reader) yields to these.</param>
    public static async Task<AppHost> StartAsync(string storageConnection, Action<IServiceCollection> services, params (string Key, string Value)[] settings)
    {
        var port = Azurite.FreePort();
        var logs = new CapturedLogs();
        var values = TestKeys.Settings(storageConnection);
        values["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00";
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var app = AntiCorruption.LocalHost.LocalFunctionsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.AddProvider(logs);
            services(builder.Services);
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        return new AppHost(app, client, logs);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? language = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Uploads one evidence file and returns its attachment id.</summary>
    public async Task<string> UploadAsync(byte[] content, string fileName = "evidence.bin")
    {
        var response = await UploadRawAsync(content, fileName);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("attachmentId").GetString()!;
    }

    public Task<HttpResponseMessage> UploadRawAsync(byte[] content, string fileName = "evidence.bin", string declaredType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return Client.PostAsync(new Uri("api/attachments", UriKind.Relative), form);
    }

    /// <summary>Sends a request as a staff member with these roles.</summary>
    public Task<HttpResponseMessage> StaffAsync(HttpMethod method, string path, object? body, params string[] roles) =>
        StaffWithTokenAsync(method, path, body, TestKeys.StaffToken(roles));

    public Task<HttpResponseMessage> StaffWithTokenAsync(HttpMethod method, string path, object? body, string? token, string? language = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One app host over the shared Azurite for the tests of a collection.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public AppHost Host { get; private set; } = null!;

    /// <summary>The LINE platform the host talks to, on loopback.</summary>
    public FakeLinePlatform Line { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Line = await FakeLinePlatform.StartAsync();
        Host = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            ("Line:ApiBaseUrl", Line.BaseUrl),
            ("Line:DataApiBaseUrl", Line.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Line.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppTests : ICollectionFixture<AppFixture>
{
    public const string Name = "app on Azurite";
}
