using System.Text;
using System.Text.Json;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// Requests the web server itself refuses, sent raw: whether Kestrel refuses one while the app
/// reads it, the answer is problem+json with the headers every other error of the app carries.
/// </summary>
[Collection(AppTests.Name)]
public class WebServerRejectionTests(AppFixture fixture)
{
    /// <summary>Headers that frame one answer on the wire rather than describe it.</summary>
    private static readonly string[] Framing = ["Date", "Content-Length", "Transfer-Encoding", "Connection"];

    private readonly AppHost _app = fixture.Host;

    public static TheoryData<string, string, int> Refused => new()
    {
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

        var response = await RawHttp.SendAsync(_app.Client.BaseAddress!, Encoding.UTF8.GetBytes(request));

        Assert.True(status == response.Status, $"{what}: {response.StatusLine}");
        Assert.Equal(Described(usual), Described(response));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:problem-type:anticorruption:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }
}
