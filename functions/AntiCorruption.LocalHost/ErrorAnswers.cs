using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.LocalHost;

/// <summary>
/// The LocalHost's answers for what no function answers, as problem+json with the headers of
/// every other answer: an exception that escaped a function (as <c>ProblemMiddleware</c> does in
/// the worker), an unknown route, a wrong method.
/// </summary>
public static class ErrorAnswers
{
    public static void UseErrorAnswers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalHost");
        // Not UseExceptionHandler: it overwrites Cache-Control with its own no-cache headers
        // (adding Pragma and Expires), so its answers would differ from every other error.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
            {
                // The client went away: there is no one to answer.
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                await ExceptionProblems.WriteAsync(context, ex, logger);
            }
        });
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            var language = RequestLanguage.Of(context.Request);
            var problem = context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                ? Problems.MethodNotAllowed(language)
                : Problems.NotFound(new("ไม่พบเส้นทางนี้", "No such route."), language);
            await problem.ExecuteResultAsync(new ActionContext { HttpContext = context });
        });
    }
}
