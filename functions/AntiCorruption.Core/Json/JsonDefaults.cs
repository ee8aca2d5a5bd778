using System.Text.Json;
using System.Text.Json.Serialization;

namespace AntiCorruption.Core.Json;

/// <summary>The one JSON shape of the project: camelCase, snake_case enum values, Thai and emoji kept as UTF-8.</summary>
public static class JsonDefaults
{
    /// <summary>
    /// Thai text and emoji are written as raw UTF-8 rather than \uXXXX escapes: an escape costs
    /// six bytes a character instead of three (twelve instead of four for an emoji), and the
    /// longest description must still fit in one 64 KB queue message after encryption and base64.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = Utf8JsonEncoder.Instance,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
