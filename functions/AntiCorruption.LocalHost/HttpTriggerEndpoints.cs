using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AntiCorruption.LocalHost;

/// <summary>Serves HTTP-triggered functions on Kestrel, at <c>/{routePrefix}/{route}</c> as the Functions host does.</summary>
public static class HttpTriggerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDefinition> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var pattern = string.IsNullOrEmpty(routePrefix) ? function.Route! : $"{routePrefix}/{function.Route}";
            endpoints.MapMethods(pattern, function.HttpMethods.Select(m => m.ToUpperInvariant()), async context =>
            {
                var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
                var result = await invoker.InvokeHttpAsync(function, context);
                switch (result)
                {
                    case IActionResult action:
                        await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
                        break;
                    case null:
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        break;
                    default:
                        await ApiResult.Ok(result).ExecuteResultAsync(new ActionContext { HttpContext = context });
                        break;
                }
            }).WithDisplayName(function.Name);
        }
    }
}
