using System.Text.Json;

namespace AntiCorruption.Core.Json;

/// <summary>Enum values as the API and the tables spell them (<c>under_review</c>), one spelling for both.</summary>
public static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        JsonSerializer.Serialize(value, JsonDefaults.Options).Trim('"');

    public static T Parse<T>(string name) where T : struct, Enum =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(name), JsonDefaults.Options);
}
