using System.Text.Json;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Requests the web server itself refuses, sent raw: whether Kestrel refuses one before the app
/// sees it or while the app reads it, the answer is problem+json with the headers every other
/// error of the app carries.
/// </summary>
[Collection(AppTests.Name)]
public class WebServerRejectionTests(AppFixture fixture)
{
    /// <summary>Headers that frame one answer on the wire rather than describe it.</summary>
    private static readonly string[] Framing = ["Date", "Content-Length", "Transfer-Encoding", "Connection"];

    private readonly AppHost _app = fixture.Host;

    public static TheoryData<string, string, int> Refused => new()
    {
        { "a NUL in the path, percent-encoded", "GET /api/form%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { "a NUL in the path, as a raw byte", "GET /api/fo\0rm HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { "a request line over Kestrel's 8 KB", $"GET /api/{new string('a', 9000)} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414 },
        {
            "headers over Kestrel's 32 KB",
            "GET /api/form HTTP/1.1\r\nHost: localhost\r\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Filler-{i}: {new string('v', 1000)}\r\n")) + "\r\n",
            431
        },
        {
            "a chunked JSON body with a chunk size that is not hexadecimal",
            "POST /api/complaints HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
            400
        },
    };

    private static Dictionary<string, string> Described(RawResponse response) =>
        response.Headers.Where(h => !Framing.Contains(h.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusedRequest_IsAProblemWithTheUsualHeaders(string what, string request, int status)
    {
        var usual = await RawHttp.SendAsync(_app.Client.BaseAddress!, "GET /api/no-such-route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        var response = await RawHttp.SendAsync(_app.Client.BaseAddress!, request);

        Assert.True(status == response.Status, $"{what}: {response.StatusLine}");
        Assert.Equal(Described(usual), Described(response));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:problem-type:anticorruption:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task RefusedRequest_AfterAnAnswerOnTheSameConnection_LeavesThatAnswerWhole()
    {
        var first = await RawHttp.SendAsync(
            _app.Client.BaseAddress!,
            "GET /api/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/form%00 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var second = RawHttp.Parse(first.Rest);

        Assert.Equal(200, first.Status);
        Assert.StartsWith("3.", JsonDocument.Parse(first.Body).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, second.Status);
        Assert.Equal("application/problem+json; charset=utf-8", second.Headers["Content-Type"]);
    }
}
