using System.Text.Json;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>
/// The body <c>{"confirmationCode"}</c> of the public lookup, cancel and QR routes. The code
/// travels in a body, never in a URL: it is a bearer secret, and paths end up in request logs.
/// </summary>
public static class ConfirmationCodeRequest
{
    /// <summary>The code in canonical form, or null with <paramref name="errors"/> naming <c>confirmationCode</c>.</summary>
    public static string? Read(JsonElement body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var input = JsonFields.ForBody(body, errors)?.Text("confirmationCode", required: true, 64);
        if (input is null)
        {
            return null;
        }

        if (!ConfirmationCodes.TryNormalize(input, out var canonical))
        {
            errors.Add("confirmationCode", Messages.InvalidConfirmationCode);
            return null;
        }

        return canonical;
    }
}
