using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AntiCorruption.Core.Json;

/// <summary>The one JSON shape of the project: camelCase, snake_case enum values, Thai kept as UTF-8.</summary>
public static class JsonDefaults
{
    /// <summary>
    /// Thai text is written as raw UTF-8 rather than \uXXXX escapes: an escape costs six bytes a
    /// character instead of three, and a 10,000-character description must still fit in one
    /// 64 KB queue message after encryption and base64.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
