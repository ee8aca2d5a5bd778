using System.Collections.Concurrent;
using System.Text.Json;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A stand-in for the LINE platform on a loopback port: it takes replies and pushes as the
/// Messaging API does (and refuses a bad token or an expired reply token the same way), serves
/// image content, and can fail on purpose.
/// </summary>
public sealed class FakeLinePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeLinePlatform(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The X-Line-Retry-Key of every push taken.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> RetryKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Every reply and push received: ("reply", body) or ("push", body).</summary>
    public ConcurrentQueue<(string Kind, JsonElement Body)> Received { get; } = new();

    /// <summary>Image bytes served at /v2/bot/message/{id}/content.</summary>
    public ConcurrentDictionary<string, byte[]> Content { get; } = new();

    /// <summary>
    /// Content of this many bytes made as it is sent (a long video), without a Content-Length,
    /// served at /v2/bot/message/{id}/content until the reader hangs up.
    /// </summary>
    public ConcurrentDictionary<string, long> StreamedContent { get; } = new();

    private int _failNextReplies;

    /// <summary>Makes the next <paramref name="count"/> replies answer 500 (then succeed), to exercise retries.</summary>
    public void FailNextReplies(int count) => Interlocked.Exchange(ref _failNextReplies, count);

    /// <summary>
    /// The Official Account's monthly message quota is spent: pushes answer 429 "You have reached
    /// your monthly limit." as LINE does; replies, which do not count, still go.
    /// </summary>
    public bool MonthlyLimitReached { get; set; }

    public static async Task<FakeLinePlatform> StartAsync()
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var platform = new FakeLinePlatform(app, $"http://127.0.0.1:{port}");
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {TestKeys.LineAccessToken}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { message = "Authentication failed" });
                return;
            }

            await next();
        });
        app.MapPost("/v2/bot/message/reply", async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            if (Interlocked.Decrement(ref platform._failNextReplies) >= 0)
            {
                context.Response.StatusCode = 500;
                return;
            }

            if (body.GetProperty("replyToken").GetString()!.StartsWith("expired", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { message = "Invalid reply token" });
                return;
            }

            platform.Received.Enqueue(("reply", body));
            await context.Response.WriteAsJsonAsync(new { sentMessages = Array.Empty<object>() });
        });
        app.MapPost("/v2/bot/message/push", async context =>
        {
            if (platform.MonthlyLimitReached)
            {
                context.Response.StatusCode = 429;
                await context.Response.WriteAsJsonAsync(new { message = "You have reached your monthly limit." });
                return;
            }

            // As LINE does: a push whose X-Line-Retry-Key was accepted before is not sent again.
            if (context.Request.Headers["X-Line-Retry-Key"].ToString() is { Length: > 0 } retryKey && !platform.RetryKeys.TryAdd(retryKey, 0))
            {
                context.Response.StatusCode = 409;
                context.Response.Headers["x-line-accepted-request-id"] = Guid.NewGuid().ToString();
                await context.Response.WriteAsJsonAsync(new { message = "The retry key is already accepted" });
                return;
            }

            platform.Received.Enqueue(("push", await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body)));
            await context.Response.WriteAsJsonAsync(new { sentMessages = Array.Empty<object>() });
        });
        app.MapGet("/v2/bot/message/{id}/content", async (string id, HttpContext context) =>
        {
            if (platform.StreamedContent.TryGetValue(id, out var length))
            {
                context.Response.ContentType = "video/mp4";
                var chunk = new byte[64 * 1024];
                try
                {
                    for (var sent = 0L; sent < length && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                    {
                        if ((await context.Response.BodyWriter.WriteAsync(chunk, context.RequestAborted)).IsCompleted)
                        {
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                    // The app stopped reading and closed the connection.
                }

                return;
            }

            if (!platform.Content.TryGetValue(id, out var bytes))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "image/jpeg";
            await context.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        return platform;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
