using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Notifications.Mail;

/// <summary>
/// A small typed client of the Azure Communication Services Email REST API (no SDK of it is
/// served here): <c>POST {endpoint}/emails:send?api-version=2023-03-31</c>, signed in with the
/// app's managed identity, with an <c>Operation-Id</c> made from the notice and the recipient, so
/// that a send repeated after a lost answer names the same operation. 202 means accepted for
/// delivery; 429 and 5xx are retried here a few times (honouring Retry-After) and then thrown, for
/// the queue to retry; a 4xx is the message's fault and is thrown at once.
/// </summary>
public sealed partial class AcsEmailClient(HttpClient http, IOptions<MailOptions> options, ILogger<AcsEmailClient> logger)
{
    public const string ApiVersion = "2023-03-31";
    private const string Scope = "https://communication.azure.com/.default";
    private const int Attempts = 3;

    private readonly MailOptions _options = options.Value;
    private readonly TokenCredential? _credential = options.Value.Enabled && !options.Value.IsLocal
        ? new ManagedIdentityCredential(options.Value.ClientId.Length > 0 ? ManagedIdentityId.FromUserAssignedClientId(options.Value.ClientId) : ManagedIdentityId.SystemAssigned)
        : null;

    public bool Enabled => _options.Enabled;

    /// <summary>The operation id of one mail: a UUID from the notice id and the recipient.</summary>
    public static string OperationId(string noticeId, string recipientKey)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{noticeId}|{recipientKey}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4 layout: the id is random-looking, as the service expects
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public async Task SendAsync(OutgoingMail mail, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
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
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.Endpoint.TrimEnd('/')}/emails:send?api-version={ApiVersion}") { Content = JsonContent.Create(body) };
            request.Headers.Add("Operation-Id", operationId);
            request.Headers.Add("x-ms-client-request-id", Guid.NewGuid().ToString());
            if (_credential is not null)
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return;
            }

            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            LogRefused(logger, (int)response.StatusCode, attempt);
            if (!retryable || attempt == Attempts)
            {
                // The body may echo the recipient: it is not read into the exception or the log.
                throw new HttpRequestException($"The mail service answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt * 2);
            await Task.Delay(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail service answered {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, int status, int attempt);
}
