using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Calls a function method as the isolated worker would: a new instance per invocation from a DI
/// scope, parameters bound by type (trigger payload, <see cref="CancellationToken"/>) and, for
/// HTTP, route values bound by parameter name. Each call is an invocation span, as the worker's
/// (<see cref="HostTelemetry"/>).
/// </summary>
public sealed class FunctionInvoker(IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions PocoOptions = new(JsonSerializerDefaults.Web);

    public Task<object?> InvokeHttpAsync(FunctionDefinition function, HttpContext context) =>
        InvokeAsync(function, parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(HttpContext) => context,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            _ => FromRoute(parameter, context),
        });

    public Task<object?> InvokeQueueAsync(FunctionDefinition function, BinaryData message, CancellationToken cancellationToken) =>
        InvokeAsync(function, parameter => parameter.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(string) => message.ToString(),
            var t when t == typeof(BinaryData) => message,
            var t when t == typeof(byte[]) => message.ToArray(),
            var t => JsonSerializer.Deserialize(message.ToMemory().Span, t, PocoOptions),
        });

    public Task<object?> InvokeTimerAsync(FunctionDefinition function, TimerInfo timer, CancellationToken cancellationToken) =>
        InvokeAsync(function, parameter => parameter.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(TimerInfo) => timer,
            var t => throw new NotSupportedException($"Timer function {function.Name} takes a {t.Name}, which the LocalHost cannot bind."),
        });

    private async Task<object?> InvokeAsync(FunctionDefinition function, Func<ParameterInfo, object?> bind)
    {
        using var invocation = HostTelemetry.StartInvocation(function);
        try
        {
            return await InvokeInScopeAsync(function, bind);
        }
        catch (Exception ex)
        {
            HostTelemetry.RecordFailure(invocation, ex);
            throw;
        }
    }

    private async Task<object?> InvokeInScopeAsync(FunctionDefinition function, Func<ParameterInfo, object?> bind)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = function.Method.IsStatic
            ? null
            : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(bind).ToArray();
        object? result;
        try
        {
            result = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            await task;
            var resultProperty = task.GetType().GetProperty("Result");
            return resultProperty is null || resultProperty.PropertyType.Name == "VoidTaskResult" ? null : resultProperty.GetValue(task);
        }

        return result;
    }

    private static object? FromRoute(ParameterInfo parameter, HttpContext context)
    {
        var value = context.GetRouteValue(parameter.Name!)?.ToString();
        if (value is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        return parameter.ParameterType == typeof(string)
            ? value
            : TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromString(null, CultureInfo.InvariantCulture, value);
    }
}
