using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.Core.Secrets;

/// <summary>
/// The settings that held an unresolved Key Vault reference when the app started, and what the
/// last attempt to read each one said. Health reports them until every one is resolved, so a
/// first deployment whose role assignments are still propagating is a 503 with the reason, not a
/// worker that stops for good.
/// </summary>
public sealed class PendingSecrets
{
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.OrdinalIgnoreCase);

    public PendingSecrets(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            if (KeyVaultReference.IsReference(value))
            {
                var valid = KeyVaultReference.TryParse(value, out var reference);
                References[key] = valid ? reference : null;
                _problems[key] = valid ? "not read yet" : "not a valid Key Vault reference";
            }
        }
    }

    public static PendingSecrets Find(IConfiguration configuration) => new(configuration.AsEnumerable());

    /// <summary>Each setting that started as a reference (by configuration key), with its parsed reference, null when malformed.</summary>
    public Dictionary<string, KeyVaultReference?> References { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool AnyAtStart => References.Count > 0;

    public IReadOnlyCollection<string> Unresolved => _problems.Keys.Order(StringComparer.Ordinal).ToArray();

    public void Resolved(string setting) => _problems.TryRemove(setting, out _);

    public void Failed(string setting, string problem) => _problems[setting] = problem;

    /// <summary>"healthy", or which settings are pending and why (setting names and status codes only: never a value).</summary>
    public string Report()
    {
        var pending = _problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.Replace(":", "__", StringComparison.Ordinal)}: {p.Value}").ToArray();
        return pending.Length == 0 ? "healthy" : $"unresolved Key Vault reference ({string.Join("; ", pending)})";
    }
}
