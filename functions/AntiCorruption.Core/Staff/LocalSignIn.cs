using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AntiCorruption.Core.Validation;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Core.Staff;

/// <summary>
/// The workspace's sign-in on a developer's machine: a name, duty roles and a region give a
/// token signed with the development key, so that every screen can be tried without Entra ID.
/// It exists only where that key is trusted: with no key, or in Azure (where
/// <see cref="StaffAuthenticator"/> ignores the key), <see cref="IsAvailable"/> is false and the
/// route answers as if it were not there.
/// </summary>
public sealed class LocalSignIn(IOptions<StaffAuthOptions> options, RuntimePlatform platform, TimeProvider time)
{
    public const int MaxName = 100;

    /// <summary>A working day: long enough that a local session does not end mid-test.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public bool IsAvailable => options.Value.SigningKey.Length > 0 && !platform.InAzure;

    /// <summary>The token for a body <c>{"name","roles":[duty roles],"region":0-9|"all"}</c>, or the fields that are wrong.</summary>
    public (LocalToken? Token, ValidationErrors Errors) Issue(JsonElement body)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("Local sign-in is not available here.");
        }

        var errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        var name = fields?.Text("name", required: true, MaxName);
        var duties = fields?.StringArray("roles", StaffRoles.Duties.Count, 40);
        if (fields is not null && duties is null or { Count: 0 } && !errors.Has("roles"))
        {
            fields.Fail("roles", Messages.Required);
        }

        if (duties?.Any(d => !StaffRoles.Duties.Contains(d)) == true)
        {
            fields!.Fail("roles", Messages.UnknownDutyRole);
        }

        var scope = fields is null ? null : Scope(fields, body);
        if (!errors.IsEmpty || name is null || duties is null || scope is null)
        {
            return (null, errors);
        }

        // The same name is the same person across sign-ins: "mine" and the audit trail follow them.
        var id = "local-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.Normalize())))[..16];
        var expires = time.GetUtcNow() + Lifetime;
        var token = StaffAuthenticator.IssueLocalToken(options.Value, id, [.. duties.Distinct(StringComparer.Ordinal), scope], expires, name: name);
        return (new LocalToken(token, expires), errors);
    }

    private static string? Scope(JsonFields fields, JsonElement body)
    {
        if (!body.TryGetProperty("region", out var region) || region.ValueKind == JsonValueKind.Null)
        {
            fields.Fail("region", Messages.Required);
            return null;
        }

        if (region.ValueKind == JsonValueKind.String && region.GetString() == "all")
        {
            return StaffRoles.AllRegions;
        }

        if (region.ValueKind == JsonValueKind.Number && region.TryGetInt32(out var n) && n is >= 0 and <= 9)
        {
            return StaffRoles.Region(n);
        }

        fields.Fail("region", Messages.UnknownRegion);
        return null;
    }
}

/// <summary>The answer of a local sign-in: a bearer token for the staff routes and when it ends.</summary>
public sealed record LocalToken(string AccessToken, DateTimeOffset ExpiresAt);
