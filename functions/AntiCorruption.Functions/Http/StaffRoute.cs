using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// The shape of a staff route: the gate first (<see cref="StaffAccess"/>: 401 or 403, audited),
/// then, for a route that takes one, the bounded JSON body (415, 413 or 400), and only then the
/// route's own work, handed the staff member, the body and the language to answer in. A caller
/// the gate refuses never has their body read.
/// </summary>
public static class StaffRoute
{
    public static Task<IActionResult> RunAsync(
        HttpRequest request, StaffAuthenticator authenticator, string role, Func<StaffMember, Language, Task<IActionResult>> work) =>
        RunAsync(request, authenticator, [role], work);

    /// <summary>The gate for any one of <paramref name="roles"/>, then the work.</summary>
    public static async Task<IActionResult> RunAsync(
        HttpRequest request, StaffAuthenticator authenticator, string[] roles, Func<StaffMember, Language, Task<IActionResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (staff, problem) = await StaffAccess.AuthorizeAnyAsync(request, authenticator, roles);
        return staff is null ? problem! : await work(staff, RequestLanguage.Of(request));
    }

    public static Task<IActionResult> RunWithBodyAsync(
        HttpRequest request,
        StaffAuthenticator authenticator,
        string role,
        int maxBytes,
        Func<StaffMember, JsonElement, Language, Task<IActionResult>> work,
        CancellationToken cancellationToken) =>
        RunWithBodyAsync(request, authenticator, [role], maxBytes, work, cancellationToken);

    /// <summary>The gate for any one of <paramref name="roles"/>, then the JSON body of at most <paramref name="maxBytes"/>, then the work.</summary>
    public static async Task<IActionResult> RunWithBodyAsync(
        HttpRequest request,
        StaffAuthenticator authenticator,
        string[] roles,
        int maxBytes,
        Func<StaffMember, JsonElement, Language, Task<IActionResult>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (staff, problem) = await StaffAccess.AuthorizeAnyAsync(request, authenticator, roles);
        if (staff is null)
        {
            return problem!;
        }

        using var body = await JsonRequest.ReadAsync(request, maxBytes, cancellationToken);
        return body.Problem ?? await work(staff, body.Root, RequestLanguage.Of(request));
    }
}
