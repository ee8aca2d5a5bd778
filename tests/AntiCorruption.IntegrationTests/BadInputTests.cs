using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AntiCorruption.IntegrationTests;

[Collection(AppTests.Name)]
public class BadInputTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(string path, HttpContent? content, string method = "POST", string? language = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await _app.Client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.StartsWith("urn:problem-type:anticorruption:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return (response.StatusCode, problem);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private const string ValidTip =
        "{\"category\":\"bribery\",\"province\":\"TH-80\",\"agency\":\"อบต. ทดสอบ\",\"description\":\"เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต\",\"anonymous\":true}";

    private static byte[] WithByteOrderMark(string json) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];

    [Fact]
    public async Task Complaint_InvalidFields_Are400WithEachFieldInThai()
    {
        var (status, problem) = await SendAsync("api/complaints", Json("{\"anonymous\":\"yes\",\"province\":\"TH-00\",\"description\":\"สั้น\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["agency", "anonymous", "category", "description", "province"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("ต้องเป็น true หรือ false", errors.GetProperty("anonymous")[0].GetString());
        Assert.Equal("ข้อมูลไม่ถูกต้อง", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Complaint_AcceptLanguageEnglish_AnswersInEnglish()
    {
        var (_, problem) = await SendAsync("api/complaints", Json("{\"anonymous\":true}"), language: "en-US,th;q=0.5");

        Assert.Equal("This field is required.", problem.GetProperty("errors").GetProperty("agency")[0].GetString());
    }

    [Fact]
    public async Task Complaint_ThaiPreferredOverEnglish_AnswersInThai()
    {
        var (_, problem) = await SendAsync("api/complaints", Json("{\"anonymous\":true}"), language: "th-TH,en;q=0.8");

        Assert.Equal("จำเป็นต้องกรอกข้อมูลนี้", problem.GetProperty("errors").GetProperty("agency")[0].GetString());
    }

    [Theory]
    [InlineData("{\"anonymous\": tru")]
    [InlineData("")]
    [InlineData("{}{}")]
    [InlineData("{\"a\":1,}")]
    public async Task Complaint_MalformedJson_Is400OnBody(string json)
    {
        var (status, problem) = await SendAsync("api/complaints", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Complaint_DeeplyNestedJson_Is400()
    {
        var json = new string('[', 5000) + new string(']', 5000);

        var (status, _) = await SendAsync("api/complaints", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Complaint_InvalidUtf8_Is400()
    {
        var bytes = new ByteArrayContent([.. "{\"agency\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var (status, problem) = await SendAsync("api/complaints", bytes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("Application/JSON; Charset=\"UTF-8\"")]
    [InlineData("application/json; foo=bar; charset=utf-8")]
    public async Task Complaint_JsonInUtf8WrittenAnyValidWay_IsAccepted(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints") { Content = Bytes(Encoding.UTF8.GetBytes(ValidTip), contentType) };

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Complaint_ByteOrderMarkBeforeTheJson_IsAcceptedAndARetryWithoutItIsTheSameRequest()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync(byte[] body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints") { Content = Bytes(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await _app.Client.SendAsync(request);
        }

        var first = await SendAsync(WithByteOrderMark(ValidTip));
        var retry = await SendAsync(Encoding.UTF8.GetBytes(ValidTip));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(retry.IsSuccessStatusCode, $"the retry got {retry.StatusCode}");
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
    }

    [Fact]
    public async Task Complaint_ByteOrderMarkBeforeBadFields_ErrorsAreKeyedByTheCamelCaseFieldPaths()
    {
        var json = "{\"category\":\"bribery\",\"province\":\"TH-80\",\"agency\":\"อบต. ทดสอบ\",\"description\":\"เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต\","
            + "\"anonymous\":false,\"consent\":true,\"reporter\":{\"name\":5,\"phone\":\"081 234 5678\"},\"attachmentIds\":[\"not-an-id\"]}";

        var (status, problem) = await SendAsync("api/complaints", Bytes(WithByteOrderMark(json)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["attachmentIds[0]", "reporter.name"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"iso-8859-1\"")]
    [InlineData("application/json; charset=utf-8; charset=utf-16")]
    public async Task Complaint_NotJson_Is415(string contentType)
    {
        var content = new StringContent("{\"anonymous\":true}");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var (status, _) = await SendAsync("api/complaints", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task Complaint_HugeBody_Is413()
    {
        var json = "{\"description\":\"" + new string('x', 300_000) + "\"}";

        var (status, _) = await SendAsync("api/complaints", Json(json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Complaint_BadIdempotencyKey_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints") { Content = Json("{}") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
    }

    [Theory]
    [InlineData("text/plain", "contentType")]
    [InlineData("application/json; charset=iso-8859-11", "contentType")]
    public async Task Complaint_BadHeader_IsKeyedInCamelCase(string contentType, string key)
    {
        var (status, problem) = await SendAsync("api/complaints", Bytes(Encoding.UTF8.GetBytes(ValidTip), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal([key], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var (status, _) = await SendAsync("api/no-such-route", null, "GET");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        var (status, _) = await SendAsync("api/complaints", null, "GET");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
    }
}
