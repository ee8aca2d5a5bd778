using System.Diagnostics;
using AntiCorruption.Core.Telemetry;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for the app, the same in both hosts: traces of the app's own spans
/// (<see cref="AppTelemetry"/>), the Azure SDKs' (storage, Service Bus) and outgoing HTTP (LINE);
/// the <c>AntiCorruption</c> meter; and ILogger logs with their structured properties. Every span
/// and log record passes the scrubbing processors first. It goes to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (Azure), signed in with the managed identity
/// of <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>; to the console when <c>Telemetry__Console</c>
/// is true. With neither (a developer's machine, the tests) nothing is recorded at all: no span is
/// started and no log record built, since each costs CPU on every queue message for nobody to read.
/// docs/OPERATIONS.md, Telemetry, says what is sent and what never is.
/// <para>
/// The host records the incoming request (the Functions host in Azure, with <c>telemetryMode</c>
/// OpenTelemetry in host.json so that it leaves the worker's logs to the worker; the LocalHost's
/// ASP.NET Core span locally), and the worker records each invocation as a child of it
/// (<see cref="ConfigureFunctionsOpenTelemetry.UseFunctionsWorkerDefaults"/>, which also names the
/// service after the site).
/// </para>
/// </summary>
public static class TelemetryRegistration
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Azure SDK clients start spans only with this switch (also set in the runtimeconfig, before any client exists).</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The Azure SDKs' spans, and the one whose HTTP request a nested HttpClient span would repeat.</summary>
    private const string AzureSources = "Azure.*";
    private const string AzureHttpSource = "Azure.Core.Http";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));

        services.AddMetrics();
        services.AddSingleton<OperationalFigures>();
        services.AddSingleton<OperationalMetrics>();
        services.AddSingleton<TelemetryFlush>();

        var connectionString = configuration[ConnectionStringSetting];
        if (!options.Console && !options.Record && string.IsNullOrEmpty(connectionString))
        {
            return services;
        }

        // Azure SDK log lines repeat what their spans say, and at Information they are many.
        services.AddLogging(logging => logging.AddFilter<OpenTelemetryLoggerProvider>("Azure", LogLevel.Warning));

        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddProcessor(new ScrubbingActivityProcessor())
                .AddProcessor(new InsertIfAbsentProcessor())
                .AddSource(AppTelemetry.Name, AzureSources)
                .AddHttpClientInstrumentation(http =>
                {
                    http.RecordException = false;
                    // A storage call is already an Azure.Core.Http span: its HttpClient span would repeat it.
                    http.FilterHttpRequestMessage = _ => !IsAzureHttp(Activity.Current) && !IsAzureHttp(Activity.Current?.Parent);
                }))
            .WithMetrics(metrics => metrics.AddMeter(AppTelemetry.Name))
            .WithLogging(
                logging => logging.AddProcessor(new ScrubbingLogProcessor()),
                logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = false;
                });

        if (options.Console)
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        if (!string.IsNullOrEmpty(connectionString))
        {
            var credential = MonitorCredential.From(configuration[MonitorCredential.Setting]);
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = credential;
                // Every trace, so that a complaint's trace is whole; the volume is small.
                exporter.SamplingRatio = 1;
                exporter.TracesPerSecond = null;
                // Live Metrics would see spans and exceptions before the scrubbing processors do.
                exporter.EnableLiveMetrics = false;
            });
        }

        return services;
    }

    private static bool IsAzureHttp(Activity? activity) => activity?.Source.Name == AzureHttpSource;
}
