using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// Generated malformed requests against every public route of the running app: every answer is
/// a 4xx problem+json, none a 5xx, and the app keeps serving. FUZZ_REQUESTS sets how many
/// (10,000 by default; ./test.sh --long sends 50,000); FUZZ_SEED replays a reported failure.
/// </summary>
[Collection(AppTests.Name)]
public class MalformedRequestTests(AppFixture fixture, ITestOutputHelper output)
{
    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task MalformedRequests_AllRoutes_Are4xxProblemsAndTheAppKeepsServing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 10_000;
        var answers = new ConcurrentDictionary<(string Kind, int Status), int>();

        await MalformedRequests.Any.SampleAsync(
            async request =>
            {
                using var message = request.ToHttp();
                using var response = await _app.Client.SendAsync(message);
                var status = (int)response.StatusCode;
                answers.AddOrUpdate((request.Kind, status), 1, (_, c) => c + 1);
                Assert.InRange(status, 400, 499);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var body = await response.Content.ReadAsStringAsync();
                using var problem = JsonDocument.Parse(body);
                Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
                Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            },
            seed: Environment.GetEnvironmentVariable("FUZZ_SEED"),
            iter: count,
            threads: 4);

        foreach (var ((kind, status), times) in answers.OrderBy(a => a.Key.Kind, StringComparer.Ordinal).ThenBy(a => a.Key.Status))
        {
            output.WriteLine($"{kind}: {status} x {times}");
        }

        Assert.True(answers.Values.Sum() >= count, $"only {answers.Values.Sum()} requests were answered");
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync(new Uri("api/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _app.PostJsonAsync("api/complaints", MalformedRequests.ValidComplaint())).StatusCode);
    }
}
