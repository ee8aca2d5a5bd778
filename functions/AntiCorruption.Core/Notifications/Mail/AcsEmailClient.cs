using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Notifications.Mail;

/// <summary>
/// A small typed client of the Azure Communication Services Email REST API (no SDK of it is
/// served here): <c>POST {endpoint}/emails:send?api-version=2023-03-31</c>, signed in with the
/// app's managed identity. Each send is a repeatable request (<c>Repeatability-Request-Id</c> and
/// <c>Repeatability-First-Sent</c>): the service answers a repeat within five minutes of the first
/// send with the first one's answer instead of sending again, so a send retried after a lost
/// answer, here or on the queue's redelivery, delivers one mail.
/// </summary>
/// <remarks>
/// 202 is accepted. 429, 5xx, a 409 (the first send of the same request still in progress) and a
/// connection lost before the answer are retried here a few times (honouring Retry-After) and
/// then thrown, for the queue to retry. 412 means the first send is older than the service
/// remembers: the caller decides whether to send anew. 400, 413, 415 and 422 are the mail's fault
/// (an address the service will not take); any other 4xx (401, 403 for a missing role, 404 for a
/// wrong endpoint) is the app's, and is thrown so that the queue keeps the notice until it is fixed.
/// </remarks>
public sealed partial class AcsEmailClient(HttpClient http, IOptions<MailOptions> options, MailCredential credential, ILogger<AcsEmailClient> logger)
{
    public const string ApiVersion = "2023-03-31";

    /// <summary>How long the service remembers a request (its documented tracked duration).</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(5);

    private const string Scope = "https://communication.azure.com/.default";
    private const int Attempts = 3;

    private readonly MailOptions _options = options.Value;

    public bool Enabled => _options.Enabled;

    public async Task<MailSendResult> SendAsync(OutgoingMail mail, MailRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            senderAddress = _options.SenderAddress,
            content = new { subject = mail.Subject, plainText = mail.PlainText, html = mail.Html },
            recipients = new { to = new[] { new { address = mail.To } } },
            attachments = mail.Attachments.Select(a => new { name = a.Name, contentType = a.ContentType, contentInBase64 = Convert.ToBase64String(a.Content) }).ToArray(),
            userEngagementTrackingDisabled = true,
        };

        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"{_options.Endpoint.TrimEnd('/')}/emails:send?api-version={ApiVersion}") { Content = JsonContent.Create(body) };
            message.Headers.Add("Repeatability-Request-Id", request.Id);
            message.Headers.Add("Repeatability-First-Sent", request.FirstSent.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
            message.Headers.Add("Operation-Id", request.Id);
            message.Headers.Add("x-ms-client-request-id", Guid.NewGuid().ToString());
            if (credential.Identity is { } identity)
            {
                var token = await identity.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            }

            HttpStatusCode? status;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.SendAsync(message, cancellationToken);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The request may have reached the service: the repeat below, with the same
                // request id, is answered with what the first one got.
                status = null;
            }

            switch (status)
            {
                case HttpStatusCode.Accepted:
                    return MailSendResult.Accepted;
                case HttpStatusCode.PreconditionFailed:
                    return MailSendResult.TooLateToRepeat;
            }

            LogRefused(logger, status is null ? "no answer" : ((int)status).ToString(CultureInfo.InvariantCulture), attempt);
            if (status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity)
            {
                return MailSendResult.Refused;
            }

            var retryable = status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict || (int)status >= 500;
            if (!retryable || attempt == Attempts)
            {
                // The body may echo the recipient: it is not read into the exception or the log.
                throw new HttpRequestException(status is null ? "The mail service did not answer." : $"The mail service answered {(int)status}.", null, status);
            }

            var wait = retryAfter ?? TimeSpan.FromSeconds(attempt * 2);
            await Task.Delay(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail service answered {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, string status, int attempt);
}

/// <summary>One repeatable send: its id and when it was first sent (whole seconds, as the header carries it).</summary>
public sealed record MailRequest(string Id, DateTimeOffset FirstSent);

public enum MailSendResult
{
    /// <summary>The service took the mail (now, or on the first send of this request).</summary>
    Accepted,

    /// <summary>The service will not take this mail (a 4xx such as an invalid recipient).</summary>
    Refused,

    /// <summary>The request's first send is older than the service remembers (412): it is not repeated.</summary>
    TooLateToRepeat,
}
