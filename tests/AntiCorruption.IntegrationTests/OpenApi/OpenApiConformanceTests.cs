using System.Net.Http.Headers;
using AntiCorruption.Testing;
using Xunit.Abstractions;

namespace AntiCorruption.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document the app serves, held to what the app really answers: every exchange of
/// <see cref="ApiExchanges.All"/> is sent to the app on Azurite, and its status must be the one
/// the exchange expects and documented for its operation, and its body of a type the document
/// lists for that status and, when JSON, valid against the schema given there (see
/// <see cref="OpenApiContract"/>). Every operation of the document must have an exchange, and
/// every status it documents must be met by one, except <see cref="StatusesNotExercised"/>.
/// </summary>
[Collection(AppTests.Name)]
public class OpenApiConformanceTests(AppFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Statuses documented but not provoked here: 429 needs the rate limits, which the test host
    /// turns off (RateLimitTests has them), and 503 a storage outage (StorageOutageTests).
    /// </summary>
    internal static readonly IReadOnlySet<string> StatusesNotExercised = new HashSet<string>(StringComparer.Ordinal) { "429", "503" };

    /// <summary>Answers a host with the development key cannot give; WorkspaceShellTests starts one without it.</summary>
    internal static readonly IReadOnlySet<(string Operation, string Status)> ExercisedElsewhere = new HashSet<(string, string)> { ("POST /api/local/staff-token", "404") };

    private readonly AppHost _app = fixture.Host;

    [Fact]
    public async Task EveryRoute_AnswersAsTheOpenApiDocumentSays()
    {
        var contract = OpenApiContract.Parse(await _app.Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));
        var context = await ExchangeContext.CreateAsync(_app);
        var failures = new List<string>();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<(string Operation, string Status)>();

        foreach (var exchange in ApiExchanges.All())
        {
            var call = exchange.Request(context);
            var path = call.Url.Split('?')[0];
            if (!OpenApiContract.PathMatches(exchange.Operation, "/" + path))
            {
                failures.Add($"{exchange}: the URL {call.Url} is not on the operation's path");
                continue;
            }

            using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), call.Url) { Content = call.Body };
            if (call.Roles is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.StaffToken(call.Roles));
            }

            foreach (var (name, value) in call.Headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _app.Client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            if (status != exchange.Status)
            {
                failures.Add($"{exchange}: answered {status}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)))}");
            }

            failures.AddRange(contract.Check(exchange.Operation, status, response.Content.Headers.ContentType?.MediaType, body).Select(p => $"{exchange}: {p}"));
            tried.Add(exchange.Operation);
            answered.Add((exchange.Operation, status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        failures.AddRange(contract.Operations.Where(o => !tried.Contains(o)).Select(o => $"{o}: no exchange in ApiExchanges.All"));
        failures.AddRange(contract.Operations.Where(tried.Contains)
            .SelectMany(o => contract.DocumentedStatuses(o).Where(s => !StatusesNotExercised.Contains(s) && !ExercisedElsewhere.Contains((o, s)) && !answered.Contains((o, s))).Select(s => $"{o}: documents {s}, which no exchange got")));

        output.WriteLine($"{answered.Count} (operation, status) pairs answered, over {tried.Count} of the document's {contract.Operations.Count} operations.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
