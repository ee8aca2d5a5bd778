using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using AntiCorruption.Core.Secrets;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Line;

/// <summary>
/// A small typed client of the LINE Messaging API: reply, push and content download. Server
/// trouble (429, 5xx, no answer) is retried with back-off, honouring Retry-After; a 4xx is a
/// verdict and never retried. A reply whose token is too old or refused becomes a push, so the
/// user still gets the answer.
/// </summary>
public sealed partial class LineClient(HttpClient http, IOptionsMonitor<LineOptions> options, TimeProvider time, ILogger<LineClient> logger)
{
    /// <summary>Reply tokens live about a minute; older events are answered by push straight away.</summary>
    public static readonly TimeSpan ReplyTokenLifetime = TimeSpan.FromSeconds(50);

    private const int Attempts = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The monitor's value: a channel token that was an unresolved Key Vault reference at start arrives without a restart.
    private LineOptions Settings => options.CurrentValue;

    /// <summary>Answers an event: by reply while its token is fresh, else (or if LINE refuses the token) by push.</summary>
    public async Task AnswerAsync(LineEvent lineEvent, IReadOnlyList<LineMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lineEvent);
        if (lineEvent.ReplyToken is not null && time.GetUtcNow() - lineEvent.Timestamp < ReplyTokenLifetime)
        {
            using var reply = await SendAsync(HttpMethod.Post, $"{Settings.ApiBaseUrl}/v2/bot/message/reply", new { replyToken = lineEvent.ReplyToken, messages }, cancellationToken);
            if (reply.IsSuccessStatusCode)
            {
                return;
            }

            if (reply.StatusCode != HttpStatusCode.BadRequest || lineEvent.UserId is null)
            {
                reply.EnsureSuccessStatusCode();
            }

            LogReplyRefused(logger);
        }

        if (lineEvent.UserId is null)
        {
            return;
        }

        using var push = await SendAsync(HttpMethod.Post, $"{Settings.ApiBaseUrl}/v2/bot/message/push", new { to = lineEvent.UserId, messages }, cancellationToken, retryKey: PushRetryKey(lineEvent));
        if (!IsAlreadyAccepted(push))
        {
            push.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The push's <c>X-Line-Retry-Key</c>: a UUID made from the event, so a retry of this request
    /// and a push made again when the event's queue message is redelivered carry the same key,
    /// and LINE delivers the answer once (for a day) however often it is asked.
    /// </summary>
    public static string PushRetryKey(LineEvent lineEvent)
    {
        ArgumentNullException.ThrowIfNull(lineEvent);
        return RetryKeyOf("line-push", lineEvent.WebhookEventId);
    }

    /// <summary>
    /// Pushes <paramref name="messages"/> to a LINE user, with <paramref name="retryKey"/> (a UUID)
    /// as <c>X-Line-Retry-Key</c>: a push made again with the same key (a redelivered queue message)
    /// is delivered once. True when LINE took it, now or before; false when the Official Account's
    /// monthly message quota is spent (429 "You have reached your monthly limit.", which waiting a
    /// few seconds does not cure, so it is not retried). Any other failure throws.
    /// </summary>
    public async Task<bool> PushAsync(string userId, IReadOnlyList<LineMessage> messages, string retryKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(retryKey);
        using var push = await SendAsync(HttpMethod.Post, $"{Settings.ApiBaseUrl}/v2/bot/message/push", new { to = userId, messages }, cancellationToken, retryKey: retryKey);
        if (push.StatusCode == HttpStatusCode.TooManyRequests && await IsMonthlyLimitAsync(push, cancellationToken))
        {
            LogMonthlyLimit(logger);
            return false;
        }

        if (!IsAlreadyAccepted(push))
        {
            push.EnsureSuccessStatusCode();
        }

        return true;
    }

    /// <summary>A retry key (a UUID) made from <paramref name="purpose"/> and an id, so that the same push asked twice carries the same key.</summary>
    public static string RetryKeyOf(string purpose, string id) => Tracking.StableUuid.Of(purpose, id);

    /// <summary>429 for the month's quota, not for the rate: LINE says so in the body.</summary>
    private static async Task<bool> IsMonthlyLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("monthly limit", StringComparison.OrdinalIgnoreCase);

    /// <summary>409 with <c>x-line-accepted-request-id</c>: a request with this retry key was accepted before, and delivered.</summary>
    private static bool IsAlreadyAccepted(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Conflict && response.Headers.Contains("x-line-accepted-request-id");

    /// <summary>
    /// The bytes of a file the user sent (from the data API), or null when it is larger than
    /// <paramref name="maxBytes"/>. A user can send LINE a video of hundreds of megabytes: the
    /// answer is read as it arrives and dropped as soon as it passes the limit (at once when LINE
    /// announces its length), never buffered whole.
    /// </summary>
    public async Task<byte[]?> GetContentAsync(string messageId, int maxBytes, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Settings.DataApiBaseUrl}/v2/bot/message/{Uri.EscapeDataString(messageId)}/content", null, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            LogContentTooLarge(logger, response.Content.Headers.ContentLength.Value, maxBytes);
            return null;
        }

        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                LogContentTooLarge(logger, buffer.Length + read, maxBytes);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, string? retryKey = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            var token = Settings.ChannelAccessToken;
            SecretSettings.ThrowIfUnresolved(token, "Line:ChannelAccessToken");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (retryKey is not null)
            {
                request.Headers.Add("X-Line-Retry-Key", retryKey);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await http.SendAsync(request, completion, cancellationToken);
                if (!IsTransient(response.StatusCode) || attempt == Attempts
                    || (response.StatusCode == HttpStatusCode.TooManyRequests && await IsMonthlyLimitAsync(response, cancellationToken)))
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
            }

            var wait = response?.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
            LogRetry(logger, (int?)response?.StatusCode ?? 0, attempt);
            response?.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(10) ? wait : TimeSpan.FromSeconds(10), time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE's monthly message quota is spent; a push was not sent")]
    private static partial void LogMonthlyLimit(ILogger logger);

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE answered {Status}; retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE content of at least {Bytes} bytes is over the {MaxBytes}-byte limit; not fetched further")]
    private static partial void LogContentTooLarge(ILogger logger, long bytes, int maxBytes);

    /// <summary>Names no event: a webhookEventId is a ULID, the user's moment to the millisecond.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "LINE refused a reply token; pushing instead")]
    private static partial void LogReplyRefused(ILogger logger);
}
