using System.Diagnostics;
using AntiCorruption.Core.Secrets;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Telemetry;
using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// Turns an exception that escaped an HTTP function into a problem answer: a request the web
/// server found malformed while the function read it (a broken chunked body, a body that stops
/// short) is the server's 4xx, a storage failure or a secret not yet read from Key Vault is a 503 with Retry-After (intake has written
/// nothing by then), anything else a bare 500. The exception is logged by type and stack only;
/// request content never reaches the log, and the path only without complaint ids (<see cref="LoggedPath"/>).
/// A 503 or 500 still counts as a failure: the current span (the worker's invocation span, the
/// LocalHost's request span) is marked failed with the exception's type, never its message.
/// </summary>
public static partial class ExceptionProblems
{
    public static async Task WriteAsync(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        var language = RequestLanguage.Of(context.Request);
        ApiResult result;
        if (exception is BadHttpRequestException malformed)
        {
            LogMalformed(logger, malformed.StatusCode, new LoggedPath(context.Request.Path));
            result = Problems.Rejected(malformed.StatusCode, language);
        }
        else if (exception is SecretNotAvailableException pending)
        {
            LogSecretPending(logger, pending.Setting, new LoggedPath(context.Request.Path));
            AppTelemetry.RecordFailure(Activity.Current, exception);
            result = Problems.ServiceUnavailable(language);
        }
        else if (StorageFailure.Is(exception))
        {
            LogDependencyFailure(logger, exception.GetType().Name, new LoggedPath(context.Request.Path));
            AppTelemetry.RecordFailure(Activity.Current, exception);
            result = Problems.ServiceUnavailable(language);
        }
        else
        {
            LogUnexpected(logger, exception, new LoggedPath(context.Request.Path));
            AppTelemetry.RecordFailure(Activity.Current, exception);
            result = Problems.InternalError(language);
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Malformed request to {Path}; answered {Status}")]
    private static partial void LogMalformed(ILogger logger, int status, LoggedPath path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is not resolved from Key Vault yet during {Path}; answered 503")]
    private static partial void LogSecretPending(ILogger logger, string setting, LoggedPath path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed during {Path} ({ExceptionType}); answered 503")]
    private static partial void LogDependencyFailure(ILogger logger, string exceptionType, LoggedPath path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error during {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, LoggedPath path);
}
