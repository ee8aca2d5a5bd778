using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiCorruption.Testing;

namespace AntiCorruption.IntegrationTests;

/// <summary>A host with small limits: the fourth tip and the fourth lookup in an hour are refused.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private AppHost _app = null!;

    // Its queue trigger is off, so the collection's host alone processes (and logs) the shared queue.
    public async Task InitializeAsync() =>
        _app = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            ("RateLimit:ComplaintsPerHour", "3"),
            ("RateLimit:LookupsPerHour", "3"),
            ("AzureWebJobs:ProcessComplaint:Disabled", "true"));

    public async Task DisposeAsync() => await _app.DisposeAsync();

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
        async Task<HttpStatusCode> LookupFrom(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/complaints/status") { Content = JsonContent.Create(new { trackingCode = "ABCD-EFGH-JKMN-PQRS-TVWX" }) };
            request.Headers.Add("X-Forwarded-For", address);
            return (await _app.Client.SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await LookupFrom("203.0.113.10"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await LookupFrom("203.0.113.10"));
        // The last X-Forwarded-For entry is the one Azure's front end adds; a spoofed first one changes nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LookupFrom("198.51.100.1, 203.0.113.10"));
        Assert.Equal(HttpStatusCode.NotFound, await LookupFrom("203.0.113.11"));
        Assert.DoesNotContain("203.0.113.10", _app.Logs.All, StringComparison.Ordinal);
    }

}
