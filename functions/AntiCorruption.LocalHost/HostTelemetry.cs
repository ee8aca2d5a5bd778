using System.Diagnostics;
using AntiCorruption.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AntiCorruption.LocalHost;

/// <summary>
/// What the Functions host records in Azure, recorded by the LocalHost in its place, on top of the
/// app's telemetry (<c>AddTelemetry</c>, the same in both hosts): each incoming request (ASP.NET
/// Core's span) and each invocation (<c>function {Name}</c>, as the worker names it: the request's
/// child, or a root of its own for a queue message or a timer). The LocalHost's own storage calls
/// (polling queues, settling messages) are not the app's work and are not traced, as the Functions
/// host's are not.
/// </summary>
public static class HostTelemetry
{
    public const string SourceName = "AntiCorruption.LocalHost";

    private static readonly ActivitySource Source = new(SourceName);

    public static IServiceCollection AddHostTelemetry(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(SourceName)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.RecordException = false));

    /// <summary>The invocation span of one function call; null when nothing listens.</summary>
    public static Activity? StartInvocation(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Source.StartActivity($"function {function.Name}", ActivityKind.Internal, default(ActivityContext),
        [
            new("faas.name", function.Name),
            new("faas.trigger", function.Trigger switch
            {
                TriggerKind.Http => "http",
                TriggerKind.Queue => "pubsub",
                TriggerKind.Timer => "timer",
                _ => "other",
            }),
        ]);
    }

    /// <summary>Storage calls of the host itself, untraced while the returned scope lasts.</summary>
    public static IDisposable Untraced() => SuppressInstrumentationScope.Begin();

    public static void RecordFailure(Activity? invocation, Exception exception) => AppTelemetry.RecordFailure(invocation, exception);
}
