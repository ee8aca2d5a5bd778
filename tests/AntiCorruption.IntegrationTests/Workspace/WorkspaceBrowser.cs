using System.Text.Json;
using AntiCorruption.Testing;
using Microsoft.Playwright;

namespace AntiCorruption.IntegrationTests.Workspace;

/// <summary>
/// Debian's Chromium driving the staff workspace of the app under test: pages at phone or desktop
/// width, local sign-in, an axe-core scan, screenshots in the git-ignored <c>screenshots/</c>, and
/// every Content-Security-Policy violation or script error collected so that a test can assert none.
/// </summary>
public sealed class WorkspaceBrowser : IAsyncDisposable
{
    public static readonly ViewportSize Phone = new() { Width = 412, Height = 915 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js")));
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _baseUrl;

    private WorkspaceBrowser(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        _baseUrl = baseUrl;
    }

    /// <summary>
    /// Script errors and CSP violations seen on any page of this browser. Chromium's console line
    /// for a 4xx answer is not one: a refusal the screen shows (409 already checked in, 400 on a
    /// field) is the app working.
    /// </summary>
    public List<string> Errors { get; } = [];

    public static string Screenshots => Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "screenshots")).FullName;

    /// <param name="fakeCamera">A .y4m or .mjpeg file Chromium's fake camera plays, for the check-in screen.</param>
    public static async Task<WorkspaceBrowser> LaunchAsync(AppHost app, string? fakeCamera = null)
    {
        var playwright = await Playwright.CreateAsync();
        // A screen waits on the app over Azurite; on a busy two-core runner that can pass the
        // default 5 s. What is expected stays the same; only the patience grows.
        Assertions.SetDefaultExpectTimeout(15_000);
        List<string> args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
        if (fakeCamera is not null)
        {
            args.AddRange(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={fakeCamera}"]);
        }

        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = args,
        });
        return new WorkspaceBrowser(playwright, browser, app.Client.BaseAddress!.ToString());
    }

    /// <summary>A new page (its own session storage, so its own sign-in) at <paramref name="hash"/> of /api/staff.</summary>
    public async Task<IPage> OpenAsync(ViewportSize? size = null, string hash = "", BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = _baseUrl;
        options.ViewportSize = size ?? Desktop;
        options.Locale ??= "th-TH";
        options.TimezoneId ??= "Asia/Bangkok";
        var context = await _browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            var refusal = message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal);
            if ((message.Type == "error" && !refusal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
        await page.GotoAsync("api/staff" + hash);
        return page;
    }

    /// <summary>Signs in with the local form as <paramref name="name"/> with these duty roles and region ("all" for head office).</summary>
    public static async Task SignInAsync(IPage page, string name, string region, params string[] duties)
    {
        await page.FillAsync("#name", name);
        foreach (var duty in duties)
        {
            await page.CheckAsync($"input[name=duty][value='{duty}']");
        }

        await page.SelectOptionAsync("#region", region);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(name);
    }

    /// <summary>A new page signed in locally.</summary>
    public async Task<IPage> SignedInAsync(string name, string region, string[] duties, ViewportSize? size = null, string hash = "")
    {
        var page = await OpenAsync(size);
        await SignInAsync(page, name, region, duties);
        if (hash.Length > 0)
        {
            await page.GotoAsync("api/staff" + hash);
        }

        return page;
    }

    /// <summary>axe-core's WCAG 2.1 A and AA rules on the page as it is: the serious and critical violations, described.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the page's CSP does not govern.
        await page.EvaluateAsync("() => { if (!window.axe) { " + Axe.Value + "\n } }");
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>Presses Tab, keyboard only, until the focused element matches <paramref name="selector"/> (at once when it already does).</summary>
    public static async Task TabToAsync(IPage page, string selector, int most = 60)
    {
        for (var i = 0; i <= most; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"{selector} was not reached with Tab");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"staff-{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
