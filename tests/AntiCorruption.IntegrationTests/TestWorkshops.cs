using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>Workshops made through the staff route, as an officer would, for tests that need one of their own.</summary>
internal static class TestWorkshops
{
    /// <summary>
    /// A workshop in Nakhon Si Thammarat starting <paramref name="daysAhead"/> days from now; its id.
    /// Later than the other tests' workshops by default, so that it does not crowd them out of short lists.
    /// </summary>
    public static async Task<string> CreateAsync(HttpClient client, int capacity, string title = "อบรมธรรมาภิบาลสำหรับเจ้าหน้าที่จัดซื้อจัดจ้าง", string venue = "ศาลากลางจังหวัดนครศรีธรรมราช", int daysAhead = 40)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(daysAhead).ToOffset(TimeSpan.FromHours(7));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/staff/workshops")
        {
            Content = JsonContent.Create(new
            {
                title,
                province = "TH-80",
                venue,
                startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                endsAt = starts.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                capacity,
                registrationDeadline = starts.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.StaffToken(StaffRoles.WorkshopsManage));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// POST /api/registrations/{lookup|cancel|qr} with the code in the body: codes never travel
    /// in a URL.
    /// </summary>
    public static Task<HttpResponseMessage> CodeRouteAsync(HttpClient client, string route, string code) =>
        client.PostAsJsonAsync(new Uri($"api/registrations/{route}", UriKind.Relative), new { confirmationCode = code });

    /// <summary>The registration's view (<c>status</c>, <c>workshopId</c>, <c>waitlistPosition</c>) from the lookup route.</summary>
    public static async Task<JsonElement> LookupAsync(HttpClient client, string code)
    {
        using var response = await CodeRouteAsync(client, "lookup", code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
