using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Validation;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Workshops;

/// <summary>
/// The gate of the public routes that take a confirmation code: the per-client lookup limit first
/// (each is a code-guessing oracle, like the complaint status route, and shares its budget), then
/// the JSON body and the code in it.
/// </summary>
internal static class ConfirmationCodeBody
{
    public static async Task<(string? Code, ApiResult? Problem)> ReadAsync(HttpRequest request, PublicRouteLimits limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await LimitedJsonRequest.ReadAsync(request, limits, RateLimitedAction.Lookup, 4 * 1024, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using var json = body;
        var errors = new ValidationErrors();
        var code = ConfirmationCodeRequest.Read(json.Root, errors);
        return code is null ? (null, Problems.Validation(errors, RequestLanguage.Of(request))) : (code, null);
    }
}
