using System.Reflection;
using AntiCorruption.Core.Storage;
using AntiCorruption.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Runs the function app on one machine without Core Tools: the same function classes and
/// services as in Azure, with HTTP on Kestrel, queue listeners and timers in-process.
/// </summary>
public static class LocalFunctionsHost
{
    public static Assembly FunctionsAssembly => typeof(ServiceRegistration).Assembly;

    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="customize">Applied after the configuration sources are in place: tests add settings and log capture here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddLocalSettings(LocalSettings.Find(Directory.GetCurrentDirectory()))
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        customize?.Invoke(builder);

        var configuration = builder.Configuration;
        // Creating tables, queues and containers starts now, on another core, while the rest is built.
        var storage = configuration[StorageAccount.DefaultConnection] is { Length: > 0 } ? EarlyStorageCreation.Begin(StorageAccount.FromConfiguration(configuration)) : null;
        var port = int.TryParse(configuration["PORT"], out var p) ? p : 7071;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
            kestrel.Listen(System.Net.IPAddress.Loopback, port, RejectedRequests.AnswerOn);
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Azure.Core", LogLevel.Warning);

        var host = HostSettings.Load(configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
        var functions = FunctionCatalog.Discover(FunctionsAssembly).Where(f => !IsDisabled(configuration, f.Name)).ToArray();

        builder.Services.AddAntiCorruption(configuration).AddHostTelemetry();
        if (storage is not null)
        {
            builder.Services.AddSingleton(storage).AddSingleton(storage.Storage);
        }

        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddSingleton<IReadOnlyList<FunctionDefinition>>(functions);
        builder.Services.AddRouting();
        foreach (var function in functions)
        {
            AddTrigger(builder.Services, function, host, configuration);
        }

        var app = builder.Build();
        app.UseRejectedRequestAnswers();
        app.UseErrorAnswers();
        app.UseRouting();
        HttpTriggerEndpoints.Map(app, functions, host.RoutePrefix);
        return app;
    }

    /// <summary>Starts the host and prints the line <c>./run.sh</c> and its users wait for.</summary>
    public static async Task RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.StartAsync();
        var functions = app.Services.GetRequiredService<IReadOnlyList<FunctionDefinition>>();
        Console.WriteLine($"ready: {functions.Count} functions on {string.Join(", ", app.Urls)}");
        await app.WaitForShutdownAsync();
    }

    /// <summary><c>AzureWebJobs.&lt;Name&gt;.Disabled</c> or <c>AzureWebJobs__&lt;Name&gt;__Disabled</c> = true, as in Azure.</summary>
    public static bool IsDisabled(IConfiguration configuration, string functionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"AzureWebJobs.{functionName}.Disabled"] ?? configuration[$"AzureWebJobs:{functionName}:Disabled"];
        return bool.TryParse(value, out var disabled) ? disabled : value == "1";
    }

    private static void AddTrigger(IServiceCollection services, FunctionDefinition function, HostSettings host, ConfigurationManager configuration)
    {
        switch (function.Trigger)
        {
            case TriggerKind.Queue:
                services.AddSingleton<IHostedService>(sp => new QueueTriggerListener(
                    function,
                    function.Connection is { Length: > 0 } connection ? StorageAccount.FromConfiguration(configuration, connection) : sp.GetRequiredService<StorageAccount>(),
                    host.Queues,
                    sp.GetRequiredService<FunctionInvoker>(),
                    sp.GetRequiredService<ILogger<QueueTriggerListener>>()));
                break;
            case TriggerKind.Timer:
                var schedule = TimerTriggerScheduler.Parse(function.Schedule!, name => configuration[name]);
                services.AddSingleton<IHostedService>(sp => new TimerTriggerScheduler(
                    function,
                    schedule,
                    sp.GetRequiredService<FunctionInvoker>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<TimerTriggerScheduler>>()));
                break;
        }
    }
}
