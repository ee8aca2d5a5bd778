using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Staff;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions.Pages;

/// <summary>
/// The staff workspace: one page (workspace.html) and its scripts, all built into the app. The
/// page names how it signs in as inert JSON: with Entra ID (authorization code with PKCE through
/// the MSAL library, served from here) when a client id is set, locally when the development key
/// is trusted. Scripts come only from this app ('self'); the style is allowed by its hash.
/// </summary>
public sealed partial class WorkspaceContent
{
    /// <summary>The workspace's own scripts (Pages/workspace/*.js) and the libraries npm installed at build time.</summary>
    private static readonly string[] Libraries = ["msal-browser.min.js", "msal-redirect-bridge.min.js", "jsQR.js"];

    private readonly FrozenDictionary<string, byte[]> _assets;

    public WorkspaceContent(ReferenceCatalog catalog, IOptions<StaffAuthOptions> auth, LocalSignIn local)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(local);
        var settings = auth.Value;
        var entra = settings.ClientId.Length > 0;
        var config = JsonSerializer.Serialize(new
        {
            signIn = entra ? "entra" : local.IsAvailable ? "local" : "none",
            clientId = entra ? settings.ClientId : null,
            authority = entra ? settings.AuthorityOrDefault : null,
            scope = entra ? settings.ApiScopeOrDefault : null,
            duties = StaffRoles.Duties,
            categories = catalog.Categories,
            provinces = catalog.Provinces,
        }, JsonDefaults.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        var html = Resource("AntiCorruption.Functions.Pages.workspace.workspace.html").Replace("__CONFIG__", config, StringComparison.Ordinal);
        var styles = string.Join(' ', InlineStyle().Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));
        // MSAL redeems the code at the authority's token endpoint from the page itself.
        var signInOrigin = entra && Uri.TryCreate(settings.AuthorityOrDefault, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "";
        Page = new HtmlPage(html, $"default-src 'none'; script-src 'self'; style-src {styles}; img-src 'self' blob: data:; media-src 'self' blob:; "
            + $"connect-src 'self'{signInOrigin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", PagePermissions.QrScanning);
        _assets = typeof(WorkspaceContent).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("AntiCorruption.Functions.Pages.workspace.", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal))
            .Select(n => (Name: n["AntiCorruption.Functions.Pages.workspace.".Length..], Resource: n))
            .Concat(Libraries.Select(l => (Name: l, Resource: "AntiCorruption.Functions.Assets." + l)))
            .ToFrozenDictionary(a => a.Name, a => Encoding.UTF8.GetBytes(Resource(a.Resource)), StringComparer.Ordinal);
    }

    public HtmlPage Page { get; }

    /// <summary>A script by its file name, or null.</summary>
    public byte[]? Asset(string name) => _assets.GetValueOrDefault(name);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not built into the app: run npm ci before building (see README).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}
