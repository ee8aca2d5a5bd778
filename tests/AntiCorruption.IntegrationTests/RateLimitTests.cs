using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>A host with small limits: the fourth tip and the fourth lookup in an hour are refused.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private AppHost _app = null!;

    private static readonly (string Key, string Value)[] SmallLimits =
    [
        ("RateLimit:ComplaintsPerHour", "3"),
        ("RateLimit:LookupsPerHour", "3"),
        ("RateLimit:RegistrationsPerHour", "3"),
        ("RateLimit:ReadsPerHour", "5"),
        ("RateLimit:RefusedWebhookCallsPerHour", "2"),
        // Its queue trigger is off, so the collection's host alone processes (and logs) the shared queue.
        ("AzureWebJobs:ProcessComplaint:Disabled", "true"),
    ];

    // The counters live in the shared Azurite for the day: each test is a client of its own.
    private readonly string _client = RandomAddress();

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync((await Azurite.SharedAsync()).ConnectionString, SmallLimits);
        _app.Client.DefaultRequestHeaders.Add("X-Forwarded-For", _client);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string RandomAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private static string RandomSlash64() => $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";

    private static async Task<HttpStatusCode> LookupFromAsync(AppHost app, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints/status") { Content = JsonContent.Create(new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await app.Client.SendAsync(request)).StatusCode;
    }

    private static object Tip(int i) => new
    {
        category = "bribery",
        province = "TH-80",
        agency = "อบต. ท่าศาลา",
        description = $"เจ้าหน้าที่เรียกเงินใต้โต๊ะเพื่อออกใบอนุญาต ครั้งที่ {i}",
        anonymous = true,
    };

    [Fact]
    public async Task Submit_OverTheHourlyLimit_Is429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await _app.PostJsonAsync("api/complaints", Tip(i))).StatusCode);
        }

        var refused = await _app.PostJsonAsync("api/complaints", Tip(3), language: "en");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Submit_RefusedForFormErrors_DoNotCount()
    {
        // A citizen correcting a form: ten refusals (too short, no JSON, bad key), then the tip itself.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await _app.PostJsonAsync("api/complaints", new { category = "bribery", province = "TH-80", agency = "อบต.", description = "สั้นไป", anonymous = true })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Client.PostAsync(new Uri("api/complaints", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.PostJsonAsync("api/complaints", Tip(0), idempotencyKey: "a key with spaces")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await _app.PostJsonAsync("api/complaints", Tip(1))).StatusCode);
    }

    [Fact]
    public async Task Submit_FloodOfInvalidRequests_IsBoundedAtTenTimesTheLimit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await _app.PostJsonAsync("api/complaints", new { anonymous = true })).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 30).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.PostJsonAsync("api/complaints", Tip(0))).StatusCode);
    }

    [Fact]
    public async Task Submit_RetryOfAnAnsweredRequest_GetsTheFirstAnswerWhateverTheLimit()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _app.PostJsonAsync("api/complaints", Tip(0), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var code = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();
        for (var i = 1; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _app.PostJsonAsync("api/complaints", Tip(i))).StatusCode);
        }

        var retries = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            retries.Add(await _app.PostJsonAsync("api/complaints", Tip(0), idempotencyKey: key));
        }

        Assert.All(retries, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        foreach (var retry in retries)
        {
            Assert.Equal(code, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.PostJsonAsync("api/complaints", Tip(3))).StatusCode);
    }

    [Fact]
    public async Task Status_GuessingCodes_IsStoppedByTheLookupLimit()
    {
        // Random well-formed codes, as a guesser would make them.
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            var guess = string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetItems("0123456789ABCDEFGHJKMNPQRSTVWXYZ".AsSpan(), 20));
            responses.Add(await _app.PostJsonAsync("api/complaints/status", new { trackingCode = guess }));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.All(responses.Skip(3), r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused lookup says when to come back"));
    }

    [Fact]
    public async Task ReporterMessages_ShareTheLookupLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.PostJsonAsync("api/complaints/status", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" });
        }

        var response = await _app.PostJsonAsync("api/complaints/messages", new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX", text = "ทดสอบ" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    /// <summary>
    /// The lookup, cancel and QR routes answer whether a confirmation code exists, just as the
    /// status route does for a tracking code: guessing through any of them spends one budget.
    /// </summary>
    [Fact]
    public async Task RegistrationCodeRoutes_ShareTheLookupLimit()
    {
        static string Guess() => string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetItems("0123456789ABCDEFGHJKMNPQRSTVWXYZ".AsSpan(), 20));
        string[] routes = ["api/registrations/lookup", "api/registrations/cancel", "api/registrations/qr"];

        var within = new List<HttpStatusCode>();
        foreach (var route in routes)
        {
            within.Add((await _app.PostJsonAsync(route, new { confirmationCode = Guess() })).StatusCode);
        }

        var over = new List<HttpResponseMessage>();
        foreach (var route in routes.Append("api/complaints/status"))
        {
            over.Add(await _app.PostJsonAsync(route, route.EndsWith("status", StringComparison.Ordinal) ? new { trackingCode = Guess() } : new { confirmationCode = Guess() }));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], within);
        Assert.All(over, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(over, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused lookup says when to come back"));
    }

    [Fact]
    public async Task Limits_AreCountedPerClient()
    {
        var address = RandomAddress();
        var other = RandomAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await LookupFromAsync(_app, address));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        // The last X-Forwarded-For entry is the one Azure's front end adds; a spoofed first one changes nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LookupFromAsync(_app, $"{other}, {address}"));
        Assert.Equal(HttpStatusCode.NotFound, await LookupFromAsync(_app, other));
        Assert.DoesNotContain(address, _app.Logs.All, StringComparison.Ordinal);
    }

    /// <summary>Flex Consumption runs up to a hundred instances: a client meets one limit across them.</summary>
    [Fact]
    public async Task TwoInstances_ShareOneLimit()
    {
        await using var second = await AppHost.StartAsync((await Azurite.SharedAsync()).ConnectionString, SmallLimits);
        var address = RandomAddress();
        var statuses = new List<HttpStatusCode>();
        foreach (var app in new[] { _app, second, _app, second, _app, second })
        {
            statuses.Add(await LookupFromAsync(app, address));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>Anyone with an IPv6 /64 has 2^64 addresses: they are one client, and the next /64 is another.</summary>
    [Fact]
    public async Task IPv6_AddressesOfOneSlash64_AreOneClient()
    {
        var network = RandomSlash64();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await LookupFromAsync(_app, $"[{network}:{Random.Shared.Next(0x10000):x}:{i}:{i}:{i + 1}]:{50000 + i}"));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.NotFound, await LookupFromAsync(_app, RandomSlash64() + "::1"));
    }

    /// <summary>
    /// Every public route of the OpenAPI document, called again and again by one client with a
    /// body it would refuse anyway: each reaches its 429 within its limit (at most 30: the uploads
    /// that may go with three complaints), and says when to come back.
    /// </summary>
    [Fact]
    public async Task EveryPublicRoute_HasALimit()
    {
        using var document = JsonDocument.Parse(await _app.Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));
        var limited = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => !p.Name.StartsWith("/api/staff", StringComparison.Ordinal)))
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "head" or "post"))
            {
                // A client of its own for each route, so that a shared limit shows on the first route that has it.
                var address = RandomAddress();
                var url = path.Name.TrimStart('/').Replace("{id}", "no-such-workshop", StringComparison.Ordinal);
                HttpResponseMessage? refused = null;
                for (var i = 0; i < 31 && refused is null; i++)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.Name.ToUpperInvariant()), url);
                    request.Headers.Add("X-Forwarded-For", address);
                    if (method.Name == "post")
                    {
                        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                    }

                    var response = await _app.Client.SendAsync(request);
                    refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
                }

                Assert.True(refused is not null, $"{method.Name.ToUpperInvariant()} {path.Name} answered 31 requests from one client without a 429");
                Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path.Name}: a 429 says when to come back");
                limited.Add($"{method.Name} {path.Name}");
            }
        }

        Assert.True(limited.Count >= 18, string.Join(", ", limited));
    }

    /// <summary>One LINE user flooding the bot is answered only that the messages are too many (on an Azurite of its own, so no other host answers its events).</summary>
    [Fact]
    public async Task Line_OneUserFloodingTheBot_IsToldToWait()
    {
        await using var azurite = await Azurite.StartNewAsync();
        await using var line = await FakeLinePlatform.StartAsync();
        await using var app = await AppHost.StartAsync(azurite.ConnectionString, ("RateLimit:LineMessagesPerHour", "2"), ("Line:ApiBaseUrl", line.BaseUrl), ("Line:DataApiBaseUrl", line.BaseUrl));
        var user = "U" + Guid.NewGuid().ToString("N");
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var token = Guid.NewGuid().ToString("N");
            tokens.Add(token);
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                destination = "Ubot",
                events = new[]
                {
                    new
                    {
                        type = "message", mode = "active", timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                        source = new { type = "user", userId = user }, webhookEventId = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant(),
                        deliveryContext = new { isRedelivery = false }, replyToken = token,
                        message = new { type = "text", id = Guid.NewGuid().ToString("N"), text = "สวัสดี" },
                    },
                },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/line/webhook") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("x-line-signature", AntiCorruption.Core.Line.LineSignature.Sign(TestKeys.LineChannelSecret, body));
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(request)).StatusCode);
            // One at a time, so that the order of counting is the order of sending.
            await Eventually.GetAsync(() => Task.FromResult(line.Received.Any(r => r.Kind == "reply" && r.Body.GetProperty("replyToken").GetString() == token) ? "" : null), TimeSpan.FromSeconds(15), "the reply");
        }

        string ReplyTo(string token) => line.Received.First(r => r.Kind == "reply" && r.Body.GetProperty("replyToken").GetString() == token).Body.GetProperty("messages")[0].GetProperty("text").GetString()!;

        Assert.DoesNotContain("บ่อยเกินไป", ReplyTo(tokens[1]), StringComparison.Ordinal);
        Assert.Contains("บ่อยเกินไป", ReplyTo(tokens[2]), StringComparison.Ordinal);
    }
}
