using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.LocalHost;

/// <summary>
/// The <c>Values</c> of local.settings.json, as Core Tools reads them: keys use <c>__</c> for
/// sections, and environment variables of the same name win over the file.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";
    public const string TemplateName = "local.settings.template.json";

    /// <summary>The first of local.settings.json, then the committed template, in the working directory.</summary>
    public static string? Find(string directory)
    {
        foreach (var name in new[] { FileName, TemplateName })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string? path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (path is null)
        {
            return builder;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
