using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.Functions.Http;

/// <summary>In the Functions worker, answers an HTTP function's unhandled exception with problem+json.</summary>
internal sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is not null)
        {
            await ExceptionProblems.WriteAsync(context.GetHttpContext()!, ex, logger);
        }
    }
}
