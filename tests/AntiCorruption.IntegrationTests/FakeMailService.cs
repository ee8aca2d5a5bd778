using System.Collections.Concurrent;
using System.Text.Json;
using AntiCorruption.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// A stand-in for Azure Communication Services Email on a loopback port: <c>POST
/// /emails:send?api-version=2023-03-31</c> as the service takes it (an <c>Operation-Id</c>, a
/// sender, recipients, content; 202 with the operation's id), keeping each mail for the tests to
/// read. A repeated Operation-Id is accepted again and kept once, as the service treats it; it can
/// also refuse the next sends with 503, as a service having trouble does.
/// </summary>
public sealed class FakeMailService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    private FakeMailService(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    /// <summary>Every mail taken, by Operation-Id.</summary>
    public ConcurrentDictionary<string, SentMail> Mails { get; } = new(StringComparer.Ordinal);

    /// <summary>Every send request, repeats included.</summary>
    public int Requests => _requests;

    private int _requests;

    public IReadOnlyList<SentMail> To(string address) =>
        [.. Mails.Values.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).OrderBy(m => m.At)];

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Addresses refused for good (400), as the service refuses one it will never deliver to.</summary>
    public ConcurrentDictionary<string, byte> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeMailService> StartAsync()
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeMailService(app, $"http://127.0.0.1:{port}");
        app.MapPost("/emails:send", async context =>
        {
            Interlocked.Increment(ref service._requests);
            if (context.Request.Query["api-version"] != "2023-03-31" || context.Request.Headers["Operation-Id"] is not [{ Length: > 0 } operation])
            {
                context.Response.StatusCode = 400;
                return;
            }

            if (Interlocked.Decrement(ref service._failNext) >= 0)
            {
                context.Response.StatusCode = 503;
                return;
            }

            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            if (body.GetProperty("recipients").GetProperty("to").EnumerateArray().Any(r => service.Refused.ContainsKey(r.GetProperty("address").GetString()!)))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "InvalidRecipient", message = "The recipient is not valid." } });
                return;
            }

            var content = body.GetProperty("content");
            service.Mails.TryAdd(operation, new SentMail(
                operation,
                body.GetProperty("senderAddress").GetString()!,
                [.. body.GetProperty("recipients").GetProperty("to").EnumerateArray().Select(r => r.GetProperty("address").GetString()!)],
                content.GetProperty("subject").GetString()!,
                content.GetProperty("plainText").GetString()!,
                content.GetProperty("html").GetString()!,
                body.TryGetProperty("attachments", out var files) ? [.. files.EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("contentType").GetString()!, Convert.FromBase64String(f.GetProperty("contentInBase64").GetString()!)))] : [],
                DateTimeOffset.UtcNow));
            context.Response.StatusCode = 202;
            context.Response.Headers["Operation-Location"] = $"{service.Endpoint}/emails/operations/{operation}?api-version=2023-03-31";
            await context.Response.WriteAsJsonAsync(new { id = operation, status = "Running" });
        });
        await app.StartAsync();
        return service;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record SentMail(string OperationId, string From, IReadOnlyList<string> To, string Subject, string PlainText, string Html, IReadOnlyList<(string Name, string ContentType, byte[] Content)> Attachments, DateTimeOffset At);
