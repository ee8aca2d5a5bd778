using System.Text.Json;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// Reads a JSON body defensively: the content type must be JSON in UTF-8, the size is bounded
/// before anything is buffered, and nesting is shallow. Anything else is a 4xx problem, never
/// an exception that would surface as a 5xx. A leading UTF-8 byte-order mark is skipped.
/// </summary>
public sealed class JsonRequest : IDisposable
{
    private const int MaxDepth = 16;

    private JsonRequest(JsonDocument? document, ReadOnlyMemory<byte> raw, ApiResult? problem)
    {
        Document = document;
        Raw = raw;
        Problem = problem;
    }

    public JsonDocument? Document { get; }

    /// <summary>
    /// The JSON text's bytes as received, after any byte-order mark. Idempotency compares these:
    /// the mark says how the text is encoded, not what it says, so a retry of the same text is
    /// the same request whether or not the client's tool put a mark before it.
    /// </summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The problem to answer with when the body could not be read.</summary>
    public ApiResult? Problem { get; }

    public JsonElement Root => Document!.RootElement;

    public static async Task<JsonRequest> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        if (!JsonMediaType.Accepts(request.ContentType))
        {
            return Fail(Problems.UnsupportedMediaType(language));
        }

        if (request.ContentLength > maxBytes)
        {
            return Fail(Problems.PayloadTooLarge(maxBytes, language));
        }

        var body = await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return Fail(Problems.PayloadTooLarge(maxBytes, language));
        }

        var raw = ByteOrderMark.Skip(body);
        if (!System.Text.Unicode.Utf8.IsValid(raw.Span))
        {
            return Fail(Problems.BadRequest("body", Messages.InvalidUtf8, language));
        }

        try
        {
            var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return new JsonRequest(document, raw, null);
        }
        catch (JsonException)
        {
            return Fail(Problems.BadRequest("body", Messages.MalformedJson, language));
        }
    }

    public void Dispose() => Document?.Dispose();

    private static JsonRequest Fail(ApiResult problem) => new(null, ReadOnlyMemory<byte>.Empty, problem);
}
