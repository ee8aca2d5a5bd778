using AntiCorruption.Core.Abuse;
using System.Text.Json;
using Azure.Storage.Queues;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Validation;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using AntiCorruption.Core.Secrets;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions.Line;

/// <summary>
/// POST /api/line/webhook: checks x-line-signature over the raw body (401 otherwise), queues each
/// event and answers 200 at once; the conversation runs from the queue. LINE's "Verify" call
/// (no events) gets 200 too.
/// </summary>
internal sealed class LineWebhook(IOptionsMonitor<LineOptions> options, StorageAccount storage, PiiProtector pii, PublicRouteLimits limits)
{
    private const int MaxBody = 1024 * 1024;
    private static readonly LocalizedText BadSignature = new("ลายมือชื่อ x-line-signature ไม่ถูกต้อง", "Missing or wrong x-line-signature.");
    private readonly QueueClient _queue = storage.Queue(StorageNames.LineEventsQueue);

    [Function(nameof(LineWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "line/webhook")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // Only LINE can sign a delivery: a caller whose deliveries keep failing the check is not LINE.
        var client = limits.ClientOf(request);
        var room = await limits.Limits.HasRoomAsync(RateLimitedAction.RefusedWebhook, client, cancellationToken);
        if (!room.Allowed)
        {
            return Problems.TooManyRequests(room.RetryAfter, RequestLanguage.Of(request));
        }

        var language = RequestLanguage.Of(request);
        var body = await BoundedBody.ReadAsync(request.Body, MaxBody, cancellationToken);
        if (body is null)
        {
            return Problems.PayloadTooLarge(MaxBody, language);
        }

        // A secret still pending in Key Vault is our fault, not the caller's: 503, and LINE redelivers.
        var secret = options.CurrentValue.ChannelSecret;
        SecretSettings.ThrowIfUnresolved(secret, "Line:ChannelSecret");
        if (!LineSignature.IsValid(secret, body, request.Headers["x-line-signature"].ToString()))
        {
            await limits.Limits.CountAsync(RateLimitedAction.RefusedWebhook, client, cancellationToken);
            return Problems.BadSignature(BadSignature, language);
        }

        IReadOnlyList<string> events;
        try
        {
            events = LineEvent.SplitRaw(body);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("body", Messages.MalformedJson, language);
        }

        // Events carry the user's id and words, so they are queued sealed. 200 only once every
        // event is queued: if storage fails, LINE delivers again.
        await Task.WhenAll(events.Select(e => _queue.SendMessageAsync(LineEventEnvelope.Seal(pii, e), cancellationToken)));
        return ApiResult.Ok(new { received = events.Count });
    }
}
