using System.Net;

namespace AntiCorruption.IntegrationTests;

/// <summary>HEAD on the pages answers as GET does (status and headers, Content-Length included), without the body.</summary>
[Collection(AppTests.Name)]
public class HeadRequestTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("api/form")]
    [InlineData("api/register")]
    [InlineData("api/openapi.json")]
    public async Task Head_OnAPage_IsTheGetAnswerWithoutItsBody(string path)
    {
        using var get = await _app.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var raw = await RawHttp.SendAsync(_app.Client.BaseAddress!, $"HEAD /{path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(HeadersOf(get), HeadersOf(head));
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Equal(200, raw.Status);
        Assert.Empty(raw.Body);
    }
}
