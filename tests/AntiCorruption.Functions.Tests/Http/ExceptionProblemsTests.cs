using System.Text.Json;
using Azure;
using AntiCorruption.Functions.Http;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Tests.Http;

public class ExceptionProblemsTests
{
    private static async Task<(HttpResponse Response, JsonElement Body, string Logs)> WriteAsync(Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/complaints";
        context.Response.Body = new MemoryStream();
        using var logs = new CapturedLogs();

        await ExceptionProblems.WriteAsync(context, exception, logs.CreateLogger("test"));

        context.Response.Body.Position = 0;
        return (context.Response, JsonDocument.Parse(context.Response.Body).RootElement, logs.All);
    }

    [Fact]
    public async Task WriteAsync_StorageFailure_Is503WithRetryAfter()
    {
        var (response, body, _) = await WriteAsync(new RequestFailedException(0, "Connection refused"));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        Assert.Equal(503, body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public async Task WriteAsync_RequestTheServerFoundMalformed_IsTheServersStatus(int status)
    {
        var (response, body, _) = await WriteAsync(new BadHttpRequestException("Bad chunk size data.", status));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WriteAsync_Bug_Is500WithoutInternals()
    {
        var (response, body, logs) = await WriteAsync(new InvalidOperationException("secret internals"));

        Assert.Equal(500, response.StatusCode);
        Assert.DoesNotContain("secret internals", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body.GetRawText(), StringComparison.Ordinal);
        // The operator still learns what happened.
        Assert.Contains("secret internals", logs, StringComparison.Ordinal);
    }
}
