using System.Text.Json;
using AntiCorruption.Core.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// A JSON answer written with the project's own serializer settings, so both hosts send the same
/// bytes whatever MVC formatters they have. Nothing the API returns may be cached: answers carry
/// case details and tracking codes.
/// </summary>
public sealed class ApiResult(int statusCode, object? body, string contentType = "application/json; charset=utf-8") : IActionResult
{
    public int StatusCode { get; } = statusCode;
    public object? Body { get; } = body;
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        ResponseHeaders.SetPrivate(response);
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Body is null)
        {
            return;
        }

        response.ContentType = contentType;
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), JsonDefaults.Options, context.HttpContext.RequestAborted);
    }

    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);

    public static ApiResult Accepted(object body) => new(StatusCodes.Status202Accepted, body);
}
