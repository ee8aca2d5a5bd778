using System.Diagnostics;
using System.Text.Json;
using Azure;
using AntiCorruption.Functions.Http;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Tests.Http;

public class ExceptionProblemsTests
{
    private static async Task<(HttpResponse Response, JsonElement Body, string Logs)> WriteAsync(Exception exception, string path = "/api/complaints")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
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

    /// <summary>
    /// In the worker the current span is the invocation's (ProblemMiddleware runs inside it): a bug
    /// or a storage failure answered here still fails it, with the exception's type and not its
    /// message. A malformed request is the client's doing and does not.
    /// </summary>
    [Fact]
    public async Task WriteAsync_BugOrStorageFailure_FailsTheCurrentSpanByTypeOnly()
    {
        foreach (var (exception, fails) in new (Exception, bool)[]
        {
            (new InvalidOperationException("secret internals"), true),
            (new RequestFailedException(0, "Connection refused"), true),
            (new BadHttpRequestException("Bad chunk size data.", 400), false),
        })
        {
            using var span = new Activity("function SubmitComplaint").Start();

            await WriteAsync(exception);

            Assert.Equal(fails ? ActivityStatusCode.Error : ActivityStatusCode.Unset, span.Status);
            if (fails)
            {
                Assert.Equal(exception.GetType().FullName, span.GetTagItem("error.type"));
                var recorded = Assert.Single(span.Events);
                Assert.Equal(exception.GetType().FullName, recorded.Tags.Single(t => t.Key == "exception.type").Value);
                Assert.DoesNotContain(exception.Message, string.Join(' ', recorded.Tags.Select(t => t.Value)) + span.StatusDescription, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A complaint id is a ULID, its receipt time to the millisecond: the logged path keeps the route and drops the id.</summary>
    [Theory]
    [InlineData("/api/staff/complaints/{0}/attachments/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/staff/complaints/{0}")]
    public async Task WriteAsync_OnAStaffCaseRoute_LogsThePathWithoutTheComplaintId(string route)
    {
        var id = AntiCorruption.Core.Complaints.ComplaintIds.New(new DateTimeOffset(2026, 11, 30, 3, 12, 45, TimeSpan.Zero));
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id);

        var (_, _, storage) = await WriteAsync(new RequestFailedException(0, "Connection refused"), path);
        var (_, _, bug) = await WriteAsync(new InvalidOperationException("bug"), path.ToLowerInvariant());

        foreach (var logs in new[] { storage, bug })
        {
            Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "{id}"), logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id, logs, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(TimeTraces.TimedIds(logs));
        }
    }
}
