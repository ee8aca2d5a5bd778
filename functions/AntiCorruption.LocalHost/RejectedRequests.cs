using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Answers the requests Kestrel refuses before any middleware runs (a request line it cannot read,
/// such as one with a NUL in the path, raw or as %00; a request line over its limit, 414; headers
/// over theirs, 431; broken framing) as problem+json with the headers of every other answer.
/// <para>
/// Kestrel writes those answers itself, empty, and offers no way to change them ("this category
/// of errors is not customisable", aspnet/KestrelHttpServer#2947). Raising its limits so that
/// middleware sees the long requests would only move the edge (a longer request still gets
/// Kestrel's answer) and let any client make the server buffer more; and nothing lets a NUL
/// through its parser. So the answer is replaced on the connection instead: Kestrel announces
/// every refusal on its documented <c>Microsoft.AspNetCore.Server.Kestrel.BadRequest</c>
/// diagnostic event before it writes the answer, and that answer is the last thing it writes on
/// the connection, so the connection's output holds back what follows and the app's answer goes
/// in its place. In Azure the Functions host fronts the app; this is the LocalHost's own edge.
/// </para>
/// </summary>
public static class RejectedRequests
{
    private const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    /// <summary>Puts a <see cref="RefusableOutput"/> on every connection of the endpoint.</summary>
    public static void AnswerOn(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => async connection =>
        {
            var output = new RefusableOutput(connection.Transport.Output);
            connection.Features.Set(output);
            connection.Transport = new DuplexPipe(connection.Transport.Input, output);
            await next(connection);
            if (output.RefusedStatus is { } status && output.Held.Length > 0)
            {
                await ReplaceAsync(output, status);
            }
        });
    }

    /// <summary>Listens for Kestrel's refusals, and marks the requests the app is handling (whose failures the app answers itself).</summary>
    public static void UseRejectedRequestAnswers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var subscription = app.Services.GetRequiredService<DiagnosticListener>().Subscribe(new RefusalObserver(), name => name == BadRequestEvent);
        app.Lifetime.ApplicationStopped.Register(subscription.Dispose);
        app.Use(async (context, next) =>
        {
            var output = context.Features.Get<RefusableOutput>();
            if (output is not null)
            {
                output.InApp = true;
            }

            try
            {
                await next(context);
            }
            finally
            {
                if (output is not null)
                {
                    output.InApp = false;
                }
            }
        });
    }

    private static async Task ReplaceAsync(RefusableOutput output, int status)
    {
        // Only an HTTP/1.x answer is replaced; anything else Kestrel wrote goes out as it was.
        var answer = output.Held.Span.StartsWith("HTTP/1."u8) ? await RenderAsync(status) : output.Held;
        try
        {
            await output.Inner.WriteAsync(answer);
            await output.Inner.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The client is gone.
        }
    }

    /// <summary>
    /// The problem answer as bytes on the wire, made by the same <see cref="ApiResult"/> as every
    /// other problem so that it carries the same headers. In Thai: the request's own headers,
    /// Accept-Language among them, are what could not be read.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> RenderAsync(int status)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await Problems.Rejected(status, Language.Thai).ExecuteResultAsync(new ActionContext { HttpContext = context });

        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n");
        foreach (var (name, values) in context.Response.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {values}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\nDate: {DateTimeOffset.UtcNow:R}\r\n\r\n");
        return (byte[])[.. Encoding.ASCII.GetBytes(head.ToString()), .. body.ToArray()];
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Marks the connection of a refused request when Kestrel will write the refusal itself: the
    /// app never saw the request and no answer to it has begun. The event carries the request's
    /// features, which fall back to the connection's, where <see cref="AnswerOn"/> put the output.
    /// </summary>
    private sealed class RefusalObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == BadRequestEvent
                && value.Value is IFeatureCollection features
                && features.Get<RefusableOutput>() is { InApp: false } output
                && features.Get<IHttpResponseFeature>() is { HasStarted: false } response)
            {
                output.Refuse(response.StatusCode);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
