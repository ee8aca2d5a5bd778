using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// The shape of a staff route that acts on one case with a JSON body: the gate and the body, the
/// work, then 400 naming the fields, 404 when the case does not exist for this person (missing or
/// outside the scope, alike), else the answer.
/// </summary>
public static class StaffCaseRoute
{
    internal static readonly LocalizedText NoSuchComplaint = new("ไม่พบเรื่องร้องเรียนนี้", "No complaint has this id.");

    public static async Task<IActionResult> RunAsync<T>(
        HttpRequest request,
        StaffAuthenticator authenticator,
        string role,
        Func<StaffMember, JsonElement, Task<(T? Result, ValidationErrors Errors)>> work,
        Func<T, ApiResult> answer,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(answer);
        return await StaffRoute.RunWithBodyAsync(request, authenticator, role, 32 * 1024, async (staff, json, language) =>
        {
            var (result, errors) = await work(staff, json);
            return !errors.IsEmpty ? Problems.Validation(errors, language)
                : result is null ? Problems.NotFound(NoSuchComplaint, language)
                : answer(result);
        }, cancellationToken);
    }
}
