using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;

namespace AntiCorruption.Functions.Pages;

/// <summary>
/// The public pages and the API document, built into the app (no CDN, fonts or scripts from
/// elsewhere). Each page carries its style, allowed by hash in a strict Content-Security-Policy.
/// Their scripts are files of this app (<c>/api/assets/form.js</c>, with <c>form-location.js</c> for
/// the place of the incident and <c>form-status.js</c> for the tip form's status page;
/// <c>register.js</c> for the registration page; as the workspace's
/// are), so their policy allows scripts from 'self' only and no inline script at all. The
/// reference data the pages need is embedded as inert JSON.
/// </summary>
public sealed partial class PageContent
{
    /// <summary>The public pages' scripts that are files, served at <c>/api/assets/{name}</c> beside the workspace's.</summary>
    private static readonly string[] ScriptNames = ["form-location.js", "form.js", "form-status.js", "register.js"];

    private readonly FrozenDictionary<string, byte[]> _scripts;

    public PageContent(ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var reference = JsonSerializer.Serialize(new
        {
            categories = catalog.Categories,
            provinces = catalog.Provinces.OrderBy(p => p.NameTh, StringComparer.Create(new System.Globalization.CultureInfo("th-TH"), false)),
        }, JsonDefaults.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        Form = Page("form.html", reference, PagePermissions.PlaceOfIncident);
        Register = Page("register.html", reference, PagePermissions.None);
        OpenApi = Resource("openapi.json");
        _scripts = ScriptNames.ToFrozenDictionary(n => n, n => Encoding.UTF8.GetBytes(Resource(n)), StringComparer.Ordinal);
    }

    public HtmlPage Form { get; }

    public HtmlPage Register { get; }

    public string OpenApi { get; }

    /// <summary>A public page's script by its file name, or null.</summary>
    public byte[]? Script(string name) => _scripts.GetValueOrDefault(name);

    /// <summary>A page whose scripts are served files of this app ('self'), its one inline style allowed by hash.</summary>
    private static HtmlPage Page(string name, string reference, string permissionsPolicy)
    {
        var html = Resource(name).Replace("__REFERENCE__", reference, StringComparison.Ordinal);
        string Hashes(Regex element) => string.Join(' ', element.Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));
        var policy = $"default-src 'none'; script-src 'self'; style-src {Hashes(InlineStyle())}; img-src 'self' blob:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return new HtmlPage(html, policy, permissionsPolicy);
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"AntiCorruption.Functions.Pages.{name}")
            ?? throw new InvalidOperationException($"Page {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}

/// <summary>
/// A page, the Content-Security-Policy that allows exactly its own scripts and style, and the
/// Permissions-Policy that says which device features it may ask the browser for.
/// </summary>
public sealed record HtmlPage(string Html, string ContentSecurityPolicy, string PermissionsPolicy);

/// <summary>
/// The Permissions-Policy values of the pages. Camera and microphone are off on every public
/// page; the staff workspace may use the camera. Geolocation is allowed to the tip form alone (its own origin, no frame: frame-ancestors
/// is 'none'), where the reporter may fill the place of the incident from the phone; the form
/// asks for the position only when its button is pressed, never on its own.
/// </summary>
public static class PagePermissions
{
    public const string None = "camera=(), microphone=(), geolocation=()";

    public const string PlaceOfIncident = "camera=(), microphone=(), geolocation=(self)";

    /// <summary>The staff workspace: the door's check-in screen reads QR codes with the camera.</summary>
    public const string QrScanning = "camera=(self), microphone=(), geolocation=()";
}
