using AntiCorruption.Core.Staff;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>The gate of every staff route: 401 without a valid token, 403 without the role or without any region.</summary>
public static class StaffAccess
{
    public static Task<(StaffMember? Staff, ApiResult? Problem)> AuthorizeAsync(HttpRequest request, StaffAuthenticator authenticator, string role) =>
        AuthorizeAnyAsync(request, authenticator, role);

    /// <summary>The gate for a route that any one of <paramref name="roles"/> opens.</summary>
    public static async Task<(StaffMember? Staff, ApiResult? Problem)> AuthorizeAnyAsync(HttpRequest request, StaffAuthenticator authenticator, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        var language = RequestLanguage.Of(request);
        var header = request.Headers.Authorization.ToString();
        var staff = await authenticator.AuthenticateAsync(header.Length == 0 ? null : header);
        if (staff is null)
        {
            return (null, await RefuseAsync(request, authenticator, null, Problems.Unauthorized(language)));
        }

        if (!roles.Any(staff.Has))
        {
            return (null, await RefuseAsync(request, authenticator, staff, Problems.Forbidden(string.Join(" / ", roles), language)));
        }

        // A duty without a region is a duty over nothing: a role given by mistake opens no record.
        return staff.Scope.IsEmpty ? (null, await RefuseAsync(request, authenticator, staff, Problems.NoScope(language))) : (staff, null);
    }

    /// <summary>
    /// A refusal (401 or 403), written to the audit trail as it is answered: routes that refuse
    /// for reasons of their own after the gate (a duty that allows only part of a route) answer
    /// through here too.
    /// </summary>
    public static async Task<ApiResult> RefuseAsync(HttpRequest request, StaffAuthenticator authenticator, StaffMember? staff, ApiResult refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(refusal);
        if (authenticator.Refusals is { } refusals)
        {
            await refusals.RecordAsync(staff, refusal.StatusCode, request.Method, request.Path.Value ?? "", request.HttpContext.RequestAborted);
        }

        return refusal;
    }
}
