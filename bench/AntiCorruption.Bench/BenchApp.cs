using System.Globalization;
using AntiCorruption.LocalHost;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Bench;

/// <summary>
/// The app as ./run.sh serves it (the LocalHost: Kestrel, queue listeners, repo host.json), in
/// this process, with only the functions a benchmark is about switched on, so that nothing else
/// (timers, other queues) spends the storage emulator's time. Logs below warnings are dropped:
/// writing a line per request to a console is not what Azure does either.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private BenchApp(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="enabled">Which functions run; HTTP ones are on unless this says otherwise.</param>
    public static async Task<BenchApp> StartAsync(string storage, Func<FunctionDefinition, bool> enabled, params (string Key, string Value)[] settings)
    {
        var port = Azurite.FreePort();
        var values = TestKeys.Settings(storage);
        values["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var function in FunctionCatalog.Discover(LocalFunctionsHost.FunctionsAssembly).Where(f => !enabled(f)))
        {
            values[$"AzureWebJobs:{function.Name}:Disabled"] = "true";
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var app = LocalFunctionsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(100),
        };
        return new BenchApp(app, client);
    }

    public static bool HttpOnly(FunctionDefinition function) => function.Trigger == TriggerKind.Http;

    public static Func<FunctionDefinition, bool> Only(params string[] names) => function => names.Contains(function.Name);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
