using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AntiCorruption.IntegrationTests;

/// <summary>
/// The public figures of a generated year (<see cref="TestStatistics"/>), compiled on Azurite and
/// read back through the JSON route and the page: no count under the threshold is shown, the
/// tables add up, nothing of a case is there, and both answers may be cached.
/// </summary>
[Collection(AppTests.Name)]
public partial class StatisticsTests(AppFixture fixture)
{
    private readonly AppHost _app = fixture.Host;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> YearAsync()
    {
        await TestStatistics.CompileAsync(_app);
        var response = await _app.Client.GetAsync(new Uri($"api/public/statistics?fiscalYear={TestStatistics.Year}", UriKind.Relative));
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Route_CompiledYear_ShowsNoCountUnderFiveAndTheTablesAddUp()
    {
        var (response, year) = await YearAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Contains(TestStatistics.Year, year.GetProperty("availableYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal("2014-09-30", year.GetProperty("dataUntil").GetString());
        var complaints = year.GetProperty("complaints");
        Assert.Equal(TestStatistics.Complaints, complaints.GetProperty("total").GetProperty("count").GetInt64());
        Assert.Equal(12, complaints.GetProperty("byMonth").GetArrayLength());

        // Every shown count is 5 or more, save the known zeros of regions that held no workshop.
        var noWorkshop = year.GetProperty("workshops").GetProperty("byRegion").EnumerateArray().Where(r => r.GetProperty("held").GetInt32() == 0).Select(r => r.GetProperty("attended")).ToArray();
        var cells = Cells(year).ToArray();
        Assert.All(cells.Where(c => c.GetProperty("count").ValueKind == JsonValueKind.Number && !noWorkshop.Contains(c)), c => Assert.True(c.GetProperty("count").GetInt64() >= 5, c.ToString()));
        Assert.All(noWorkshop, c => Assert.Equal(0, c.GetProperty("count").GetInt64()));
        Assert.Contains(cells, c => c.GetProperty("suppressed").GetString() == "small");
        Assert.Contains(cells, c => c.GetProperty("suppressed").GetString() == "complementary");

        // A province's row, with the others of its region, adds up to the region where all are shown.
        var regions = complaints.GetProperty("byRegion").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetInt32(), r => r.GetProperty("count"));
        foreach (var group in complaints.GetProperty("byProvince").EnumerateArray().GroupBy(p => p.GetProperty("region").GetInt32()))
        {
            if (regions[group.Key].ValueKind == JsonValueKind.Number && group.All(p => p.GetProperty("count").ValueKind == JsonValueKind.Number))
            {
                Assert.Equal(regions[group.Key].GetInt64(), group.Sum(p => p.GetProperty("count").GetInt64()));
            }
        }

        var workshops = year.GetProperty("workshops");
        Assert.Equal(2, workshops.GetProperty("held").GetInt32());
        Assert.Equal(11, workshops.GetProperty("registered").GetProperty("count").GetInt64());
        Assert.Equal(9, workshops.GetProperty("attended").GetProperty("count").GetInt64());
        Assert.Equal(81, workshops.GetProperty("attendancePercent").GetInt32());
    }

    [Fact]
    public async Task Route_Answer_HoldsNoAgencyNoIdAndNoTimeOfDay()
    {
        var (response, _) = await YearAsync();
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(TestStatistics.Agency, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ผู้อบรม", text, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy-", text, StringComparison.Ordinal);
        Assert.Empty(TimeOfDay().Matches(text));
    }

    [Fact]
    public async Task Route_YearNeverCompiledOrNoYear_AnswersProblemsNamingTheField()
    {
        await TestStatistics.CompileAsync(_app);

        var missing = await _app.Client.GetAsync(new Uri("api/public/statistics?fiscalYear=2502", UriKind.Relative));
        var bad = await _app.Client.GetAsync(new Uri("api/public/statistics?fiscalYear=1999", UriKind.Relative));
        var english = new HttpRequestMessage(HttpMethod.Get, "api/public/statistics?fiscalYear=2502");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var missingInEnglish = await _app.Client.SendAsync(english);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", missing.Headers.CacheControl!.ToString());
        Assert.Contains("2502", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("No statistics have been published for fiscal year 2502.", (await missingInEnglish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("fiscalYear", out _));
    }

    [Fact]
    public async Task Page_CompiledYear_ShowsNoCountUnderFiveWithAStrictPolicyAndNoCookie()
    {
        await TestStatistics.CompileAsync(_app);

        var response = await _app.Client.GetAsync(new Uri($"api/statistics?fiscalYear={TestStatistics.Year}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestStatistics.Agency, html, StringComparison.Ordinal);

        // Every count of a complaints table, and every attendance, is <5, withheld, or 5 and more.
        var counts = ComplaintTables().Matches(html).SelectMany(t => NumberCells().Matches(t.Value)).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(counts);
        Assert.Contains("&lt;5", counts);
        Assert.Contains("ปกปิด", counts);
        Assert.All(counts, c => Assert.True(c is "&lt;5" or "ปกปิด" || long.Parse(c.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 5, c));
    }

    [Fact]
    public async Task Page_YearNeverCompiledOrNotAYear_AnswersProblemsAsEveryErrorDoes()
    {
        await TestStatistics.CompileAsync(_app);

        var missing = await _app.Client.GetAsync(new Uri("api/statistics?fiscalYear=2502", UriKind.Relative));
        var bad = await _app.Client.GetAsync(new Uri("api/statistics?fiscalYear=soon&lang=en", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", missing.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("fiscalYear", out _));
    }

    /// <summary>Every object of the answer that carries a count.</summary>
    private static IEnumerable<JsonElement> Cells(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("count", out _))
            {
                yield return element;
            }

            foreach (var child in element.EnumerateObject().SelectMany(p => Cells(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(Cells))
            {
                yield return child;
            }
        }
    }

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    /// <summary>The tables of complaints, by their headings' ids.</summary>
    [GeneratedRegex("<table aria-labelledby=\"by-[a-z]+\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex ComplaintTables();

    [GeneratedRegex("<td class=\"n\">([^<]*)</td>")]
    private static partial Regex NumberCells();
}
