using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Staff;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests.Reliability;

/// <summary>
/// The LocalHost as ./run.sh runs it, its console output captured whole, taken through every
/// path that handles personal data or credentials: a named complaint, a reporter's message, a
/// registration and its cancellation, staff reading complaints, a LINE conversation, bad tokens.
/// Then its output and all of storage are searched for each secret and each piece of personal data.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private FakeLinePlatform _line = null!;
    private LocalHostProcess _host = null!;
    private Azurite _azurite = null!;

    public async Task InitializeAsync()
    {
        // Storage of its own: on the shared one, the in-process test host would take some of the
        // queued work and answer LINE through another platform.
        _azurite = await Azurite.StartNewAsync();
        _line = await FakeLinePlatform.StartAsync();
        _host = await LocalHostProcess.StartAsync(_azurite.ConnectionString, ("Line:ApiBaseUrl", _line.BaseUrl), ("Line:DataApiBaseUrl", _line.BaseUrl), ("Logging:LogLevel:Default", "Debug"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _line.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task EveryPersonalPath_LogsAndStorage_HoldNoSecretTokenOrPersonalData()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var name = $"สมหญิง ลับเฉพาะ{marker}";
        var email = $"reporter.{marker}@example.co.th";
        var lineUser = "U" + Guid.NewGuid().ToString("N");
        var message = $"มีหลักฐานเพิ่ม ติดต่อกลับที่ 02 555 {marker[..4]}";
        var nationalId = NationalId(marker);
        var staffToken = TestKeys.StaffToken(StaffRoles.ComplaintsRead, StaffRoles.WorkshopsManage);

        // A named complaint, then a message from the reporter.
        var submitted = await _host.Client.PostAsJsonAsync("api/complaints", new
        {
            category = "bribery", province = "TH-80", agency = "เทศบาลนครนครศรีธรรมราช", accusedName = $"ผู้ถูกร้อง{marker}",
            description = $"เรียกรับเงินค่าอนุญาต รายละเอียด {marker} ตามเอกสารแนบ", anonymous = false, consent = true,
            reporter = new { name, phone = "081 234 5678", email, lineUserId = lineUser },
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await ReporterLookups.RegisteredAsync(_host.Client, code, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, (await _host.Client.PostAsJsonAsync("api/complaints/messages", new { trackingCode = code, text = message })).StatusCode);

        // Staff read the complaints (reporter details decrypted for them), with a good token and bad ones.
        Assert.Equal(HttpStatusCode.OK, (await Staff(HttpMethod.Get, "api/staff/complaints", staffToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Staff(HttpMethod.Get, "api/staff/complaints", staffToken[..^4] + "AAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Staff(HttpMethod.Get, "api/staff/complaints", $"not-a-token-{marker}")).StatusCode);

        // A registration, looked up and cancelled.
        var workshop = await TestWorkshops.CreateAsync(_host.Client, capacity: 30, daysAhead: 50);
        var registered = await _host.Client.PostAsJsonAsync($"api/workshops/{workshop}/registrations", new
        {
            fullName = name, position = "นิติกร", agency = "สำนักงานจังหวัด", province = "TH-80", phone = "081 234 5678", email, nationalId, consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var confirmation = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationCode").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_host.Client, "lookup", confirmation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_host.Client, "qr", confirmation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestWorkshops.CodeRouteAsync(_host.Client, "cancel", confirmation)).StatusCode);

        // A LINE message, answered through the (local) LINE platform.
        var lineBody = JsonSerializer.SerializeToUtf8Bytes(new
        {
            destination = "Ubot",
            events = new[]
            {
                new
                {
                    type = "message", mode = "active", timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), webhookEventId = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant(),
                    source = new { type = "user", userId = lineUser }, replyToken = Guid.NewGuid().ToString("N"), deliveryContext = new { isRedelivery = false },
                    message = new { type = "text", id = "1", text = message },
                },
            },
        });
        var signature = LineSignature.Sign(TestKeys.LineChannelSecret, lineBody);
        using (var delivery = new HttpRequestMessage(HttpMethod.Post, "api/line/webhook") { Content = new ByteArrayContent(lineBody) })
        {
            delivery.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            delivery.Headers.TryAddWithoutValidation("x-line-signature", signature);
            Assert.Equal(HttpStatusCode.OK, (await _host.Client.SendAsync(delivery)).StatusCode);
        }

        await Eventually.GetAsync(() => Task.FromResult(_line.Received.Any(r => r.Kind == "reply") ? "" : null), TimeSpan.FromSeconds(30), "the LINE reply");

        var secrets = new Dictionary<string, string>
        {
            ["reporter name"] = name, ["email"] = email, ["phone"] = "0812345678", ["phone as typed"] = "081 234 5678", ["LINE user id"] = lineUser,
            ["reporter's message"] = message, ["national id"] = nationalId, ["tracking code"] = code, ["tracking code without dashes"] = code.Replace("-", "", StringComparison.Ordinal),
            ["confirmation code"] = confirmation, ["staff token"] = staffToken, ["staff token signature"] = staffToken[(staffToken.LastIndexOf('.') + 1)..],
            ["bad token"] = $"not-a-token-{marker}", ["staff signing key"] = TestKeys.StaffSigningKey, ["LINE channel secret"] = TestKeys.LineChannelSecret,
            ["LINE access token"] = TestKeys.LineAccessToken, ["LINE signature"] = signature, ["PII key"] = TestKeys.PiiKey, ["hash key"] = TestKeys.HashKey,
        };
        var logs = string.Join('\n', _host.Output);
        Assert.Contains("Stored a complaint", logs, StringComparison.Ordinal);
        Assert.All(secrets, s => Assert.False(logs.Contains(s.Value, StringComparison.OrdinalIgnoreCase), $"the {s.Key} is in the logs"));

        var stored = await StorageText.AllAsync(_azurite.Account());
        Assert.All(secrets, s => Assert.False(stored.Contains(s.Value, StringComparison.OrdinalIgnoreCase), $"the {s.Key} is in storage in plain text"));
    }

    private Task<HttpResponseMessage> Staff(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _host.Client.SendAsync(request);
    }

    /// <summary>A Thai national id with a valid check digit, different per run.</summary>
    private static string NationalId(string marker)
    {
        var digits = ("1" + string.Concat(marker.Select(c => (c % 10).ToString(CultureInfo.InvariantCulture))) + "7").PadRight(12, '3')[..12];
        var sum = digits.Select((c, i) => (c - '0') * (13 - i)).Sum();
        return digits + ((11 - (sum % 11)) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
