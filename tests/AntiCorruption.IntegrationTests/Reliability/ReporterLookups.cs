using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>What a reporter sees when they look up their tracking code.</summary>
internal static class ReporterLookups
{
    /// <summary>The complaint's status, or the HTTP status when the lookup did not answer 200.</summary>
    public static async Task<string> StatusAsync(HttpClient client, string code)
    {
        using var response = await client.PostAsJsonAsync("api/complaints/status", new { trackingCode = code });
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!
            : $"HTTP {(int)response.StatusCode}";
    }

    public static Task<string[]> StatusesAsync(HttpClient client, IEnumerable<string> codes) =>
        Task.WhenAll(codes.Select(code => StatusAsync(client, code)));

    public static Task RegisteredAsync(HttpClient client, string code, TimeSpan timeout) =>
        Eventually.GetAsync(async () => await StatusAsync(client, code) == "registered" ? "" : null, timeout, "the complaint registered");
}
