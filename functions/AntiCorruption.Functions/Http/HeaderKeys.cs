namespace AntiCorruption.Functions.Http;

/// <summary>
/// The keys under which a problem's <c>errors</c> names a bad request header: camelCase like every
/// other key of the API (a client maps keys to its own fields, and <c>Idempotency-Key</c> is not one).
/// </summary>
public static class HeaderKeys
{
    public const string ContentType = "contentType";
    public const string IdempotencyKey = "idempotencyKey";
}
