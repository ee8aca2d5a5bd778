using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests;

/// <summary>The public statistics page in the browser: without JavaScript, at phone width, and through axe-core in both languages.</summary>
public sealed partial class PageTests
{
    private static readonly string StatisticsPath = $"api/statistics?fiscalYear={TestStatistics.Year}";

    [Fact]
    public async Task Statistics_WithJavaScriptOff_ShowsEveryTableOnAPhoneAndItsLinksWork()
    {
        await TestStatistics.CompileAsync(_app);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            BaseURL = _app.Client.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { _cspViolations.Add(message.Text); } };
        await page.GotoAsync(StatisticsPath);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("สถิติเรื่องร้องเรียนและการอบรม");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
        foreach (var table in new[] { "by-month", "by-region", "by-category", "by-status", "by-province", "workshops" })
        {
            await Assertions.Expect(page.Locator($"table[aria-labelledby='{table}']")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("table[aria-labelledby='by-province'] td").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "นครศรีธรรมราช" })).ToBeVisibleAsync();
        Assert.Contains("<5", await page.Locator("table[aria-labelledby='by-province']").InnerTextAsync(), StringComparison.Ordinal);
        // Nothing wider than the phone: no sideways scrolling to read a table.
        foreach (var box in await Task.WhenAll((await page.Locator("table, dl.cards").AllAsync()).Select(t => t.BoundingBoxAsync())))
        {
            Assert.True(box!.X + box.Width <= 360, $"a table reaches {box.X + box.Width}px on a 360px screen");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "statistics-no-script.png"), FullPage = true });

        await page.ClickAsync("a.lang");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Complaint and workshop statistics");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Nakhon Si Thammarat" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"nav a[aria-current=page]")).ToHaveTextAsync(TestStatistics.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task Statistics_HasNoSeriousAccessibilityProblem_InThaiOrEnglish()
    {
        await TestStatistics.CompileAsync(_app);
        var page = await OpenAsync(StatisticsPath);
        var thai = await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page);
        await page.ClickAsync("a.lang");
        await page.WaitForURLAsync("**lang=en");
        var english = await Workspace.WorkspaceBrowser.AccessibilityProblemsAsync(page);

        Assert.Empty(thai);
        Assert.Empty(english);
        Assert.Empty(_cspViolations);
    }
}
