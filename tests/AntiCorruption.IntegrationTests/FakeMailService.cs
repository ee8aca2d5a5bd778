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
/// /emails:send?api-version=2023-03-31</c> as the service takes it (a sender, recipients, content;
/// 202 with the operation's id), keeping each mail for the tests to read. It treats repeatable
/// requests as the service documents them (learn.microsoft.com/rest/api/communication/repeatable-requests):
/// a <c>Repeatability-Request-Id</c> seen within five minutes of its <c>Repeatability-First-Sent</c>
/// gets the first answer again (409 while that one is in progress, 400 when the body differs),
/// an older first-sent gets 412, and a 5xx is run again. It can refuse the next sends with 503, as a
/// service having trouble does, or take the next mails and lose the answer, as a dropped connection does.
/// </summary>
public sealed class FakeMailService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (string BodyHash, int Status)> _repeatable = new(StringComparer.Ordinal);
    private int _failNext;
    private int _loseNext;

    private FakeMailService(WebApplication app, string endpoint, TimeProvider clock)
    {
        _app = app;
        Endpoint = endpoint;
        _clock = clock;
    }

    public string Endpoint { get; }

    /// <summary>Every mail taken, by the request that sent it.</summary>
    public ConcurrentDictionary<string, SentMail> Mails { get; } = new(StringComparer.Ordinal);

    /// <summary>Every send request, repeats included.</summary>
    public int Requests => _requests;

    private int _requests;

    public IReadOnlyList<SentMail> To(string address) =>
        [.. Mails.Values.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).OrderBy(m => m.At)];

    /// <summary>Answers the next <paramref name="count"/> sends with <paramref name="status"/> (503: a service having trouble; 403: the app's identity lacks its role).</summary>
    public void FailNext(int count, int status = 503)
    {
        _failStatus = status;
        Interlocked.Exchange(ref _failNext, count);
    }

    private int _failStatus = 503;

    /// <summary>Takes the next mails, then drops the connection before answering.</summary>
    public void LoseNextAnswers(int count) => Interlocked.Exchange(ref _loseNext, count);

    /// <summary>Sends that were repeats of a request already taken, answered without sending again.</summary>
    public int RepeatsAnswered => _repeatsAnswered;

    private int _repeatsAnswered;

    /// <summary>Addresses refused for good (400), as the service refuses one it will never deliver to.</summary>
    public ConcurrentDictionary<string, byte> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="clock">The service's clock: the app's, as the service's and the app's agree in Azure.</param>
    public static async Task<FakeMailService> StartAsync(TimeProvider? clock = null)
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeMailService(app, $"http://127.0.0.1:{port}", clock ?? TimeProvider.System);
        app.MapPost("/emails:send", async context =>
        {
            Interlocked.Increment(ref service._requests);
            if (context.Request.Query["api-version"] != "2023-03-31"
                || context.Request.Headers["Repeatability-Request-Id"] is not [{ } operation] || !Guid.TryParse(operation, out _)
                || !DateTimeOffset.TryParseExact(context.Request.Headers["Repeatability-First-Sent"].ToString(), "r", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var firstSent))
            {
                context.Response.StatusCode = 400;
                return;
            }

            if (service._clock.GetUtcNow() - firstSent > TimeSpan.FromMinutes(5))
            {
                context.Response.StatusCode = 412;
                return;
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var bodyHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()));
            if (service._repeatable.TryGetValue(operation, out var first) && first.Status < 500)
            {
                Interlocked.Increment(ref service._repeatsAnswered);
                context.Response.StatusCode = first.BodyHash != bodyHash ? 400 : first.Status == 0 ? 409 : first.Status;
                return;
            }

            if (Interlocked.Decrement(ref service._failNext) >= 0)
            {
                // A refused sign-in never reaches the send, so the service remembers nothing of it.
                if (service._failStatus >= 500)
                {
                    service._repeatable[operation] = (bodyHash, service._failStatus);
                }

                context.Response.StatusCode = service._failStatus;
                return;
            }

            service._repeatable[operation] = (bodyHash, 0);
            var status = service.Take(operation, JsonSerializer.Deserialize<JsonElement>(buffer.ToArray()));
            service._repeatable[operation] = (bodyHash, status);
            if (Interlocked.Decrement(ref service._loseNext) >= 0)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = status;
            if (status == 202)
            {
                context.Response.Headers["Operation-Location"] = $"{service.Endpoint}/emails/operations/{operation}?api-version=2023-03-31";
                await context.Response.WriteAsJsonAsync(new { id = operation, status = "Running" });
            }
            else
            {
                await context.Response.WriteAsJsonAsync(new { error = new { code = "InvalidRecipient", message = "The recipient is not valid." } });
            }
        });
        await app.StartAsync();
        return service;
    }

    /// <summary>Keeps a mail, or refuses it (400) for a recipient marked refused: the status answered.</summary>
    private int Take(string operation, JsonElement body)
    {
        if (body.GetProperty("recipients").GetProperty("to").EnumerateArray().Any(r => Refused.ContainsKey(r.GetProperty("address").GetString()!)))
        {
            return 400;
        }

        var content = body.GetProperty("content");
        Mails.TryAdd(operation, new SentMail(
            operation,
            body.GetProperty("senderAddress").GetString()!,
            [.. body.GetProperty("recipients").GetProperty("to").EnumerateArray().Select(r => r.GetProperty("address").GetString()!)],
            content.GetProperty("subject").GetString()!,
            content.GetProperty("plainText").GetString()!,
            content.GetProperty("html").GetString()!,
            body.TryGetProperty("attachments", out var files) ? [.. files.EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("contentType").GetString()!, Convert.FromBase64String(f.GetProperty("contentInBase64").GetString()!)))] : [],
            DateTimeOffset.UtcNow));
        return 202;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record SentMail(string OperationId, string From, IReadOnlyList<string> To, string Subject, string PlainText, string Html, IReadOnlyList<(string Name, string ContentType, byte[] Content)> Attachments, DateTimeOffset At);
