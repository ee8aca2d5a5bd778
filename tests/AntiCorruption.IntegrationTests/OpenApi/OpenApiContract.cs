using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AntiCorruption.IntegrationTests.OpenApi;

/// <summary>
/// The served OpenAPI 3.0 document as a checker of real answers: is the status documented for the
/// operation, is the content type one it lists, and does a JSON body match the schema given for
/// that status and type.
/// <para>
/// Schemas are turned into JSON Schema 2020-12 and checked with JsonSchema.Net: <c>nullable</c>
/// becomes a <c>"null"</c> in <c>type</c> (and in <c>enum</c>), <c>#/components/schemas/X</c>
/// becomes <c>#/$defs/X</c>, and <c>format</c> is asserted (a <c>date-time</c> must be one). One
/// rule is stricter than OpenAPI's default: an object schema that lists its properties and says
/// nothing of others is closed, so a field the document does not name fails the check (a
/// generated client would drop it silently). A schema that means to allow more says so with
/// <c>additionalProperties</c>.
/// </para>
/// </summary>
internal sealed class OpenApiContract
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _paths;
    private readonly JsonObject _defs;
    private readonly Dictionary<string, JsonSchema> _built = new(StringComparer.Ordinal);

    private OpenApiContract(JsonObject document)
    {
        if (document["openapi"]?.GetValue<string>() is not { } version || !version.StartsWith("3.0.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This checker reads OpenAPI 3.0 (nullable, not type arrays); the document says " + document["openapi"]);
        }

        _paths = document["paths"]!.AsObject();
        _defs = new JsonObject(document["components"]!["schemas"]!.AsObject().Select(s => KeyValuePair.Create(s.Key, (JsonNode?)ToJsonSchema(s.Value!))));
        Operations = [.. _paths.SelectMany(p => p.Value!.AsObject().Where(m => Methods.Contains(m.Key)).Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))];
    }

    /// <summary>Every operation of the document, as <c>"GET /api/workshops/{id}"</c>.</summary>
    public IReadOnlyList<string> Operations { get; }

    public static OpenApiContract Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>The statuses the document gives for <paramref name="operation"/>, as written (<c>"200"</c>, <c>"4XX"</c>, <c>"default"</c>).</summary>
    public IReadOnlyList<string> DocumentedStatuses(string operation) =>
        [.. Operation(operation)?["responses"]?.AsObject().Select(r => r.Key) ?? []];

    /// <summary>Whether <paramref name="path"/> (no query) is an instance of the operation's path template.</summary>
    public static bool PathMatches(string operation, string path)
    {
        var template = operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split('/');
        var actual = path.Split('/');
        return template.Length == actual.Length && template.Zip(actual).All(p =>
            p.First.StartsWith('{') && p.First.EndsWith('}') ? p.Second.Length > 0 : string.Equals(p.First, p.Second, StringComparison.Ordinal));
    }

    /// <summary>
    /// What is wrong with this answer to <paramref name="operation"/> by the document: nothing
    /// when the list is empty. <paramref name="mediaType"/> is the Content-Type without parameters.
    /// </summary>
    public IReadOnlyList<string> Check(string operation, int status, string? mediaType, byte[] body)
    {
        var op = Operation(operation);
        if (op is null)
        {
            return [$"{operation} is not in the document"];
        }

        var responses = op["responses"]!.AsObject();
        var key = responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : responses.ContainsKey($"{status / 100}XX") ? $"{status / 100}XX"
            : responses.ContainsKey("default") ? "default"
            : null;
        if (key is null)
        {
            return [$"status {status} is not documented (the document gives {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        if (operation.StartsWith("HEAD ", StringComparison.Ordinal))
        {
            // A HEAD answer has the headers of GET and no body: there is nothing more to compare.
            return body.Length == 0 ? [] : ["a HEAD answer has a body"];
        }

        var content = responses[key]!["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 ? [] : [$"status {status} answers a body ({mediaType ?? "no Content-Type"}, {body.Length} bytes); the document gives it no content"];
        }

        if (mediaType is null)
        {
            return [$"status {status} answers no Content-Type; the document gives {string.Join(", ", content.Select(c => c.Key))}"];
        }

        var type = content.Select(c => c.Key).FirstOrDefault(k => string.Equals(k, mediaType, StringComparison.OrdinalIgnoreCase))
            ?? content.Select(c => c.Key).FirstOrDefault(k => string.Equals(k, mediaType.Split('/')[0] + "/*", StringComparison.OrdinalIgnoreCase))
            ?? content.Select(c => c.Key).FirstOrDefault(k => k == "*/*");
        if (type is null)
        {
            return [$"status {status} answers {mediaType}; the document gives {string.Join(", ", content.Select(c => c.Key))}"];
        }

        if (content[type]!["schema"] is not JsonObject schema)
        {
            return [];
        }

        if (!IsJson(mediaType))
        {
            return body.Length > 0 ? [] : [$"status {status} answers an empty {mediaType}"];
        }

        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return [$"status {status} answers {mediaType} that is not JSON: {ex.Message}"];
        }

        using (answer)
        {
            var results = Schema($"{operation} {key} {type}", schema).Evaluate(answer.RootElement, Evaluation);
            if (results.IsValid)
            {
                return [];
            }

            return [.. new[] { results }.Concat(results.Details ?? [])
                .Where(r => r.Errors is { Count: > 0 })
                .SelectMany(r => r.Errors!.Select(e => $"status {status} {type}: at '{r.InstanceLocation}' ({r.EvaluationPath}): {e.Value}"))
                .Distinct()];
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private JsonObject? Operation(string operation)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        return _paths[operation[(space + 1)..]]?[operation[..space].ToLowerInvariant()] as JsonObject;
    }

    private JsonSchema Schema(string key, JsonObject schema)
    {
        if (!_built.TryGetValue(key, out var built))
        {
            var root = ToJsonSchema(schema).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _defs.DeepClone();
            using var document = JsonDocument.Parse(root.ToJsonString());
            built = JsonSchema.Build(document.RootElement.Clone(), baseUri: new Uri($"https://openapi.test/{Guid.NewGuid():N}"));
            _built[key] = built;
        }

        return built;
    }

    /// <summary>One OpenAPI 3.0 schema object as JSON Schema 2020-12 (see the class summary).</summary>
    internal static JsonNode ToJsonSchema(JsonNode schema)
    {
        if (schema is not JsonObject source)
        {
            return schema.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (name, value) in source)
        {
            switch (name)
            {
                case "nullable" or "example" or "xml" or "discriminator" or "externalDocs":
                    break;
                case "$ref":
                    result[name] = value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    break;
                case "properties":
                    result[name] = new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ToJsonSchema(p.Value!))));
                    break;
                case "items" or "additionalProperties" or "not":
                    result[name] = ToJsonSchema(value!);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    result[name] = new JsonArray([.. value!.AsArray().Select(s => ToJsonSchema(s!))]);
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    // 3.0: a boolean beside minimum/maximum; 2020-12: the bound itself.
                    if (value!.GetValue<bool>())
                    {
                        result[name] = source[name == "exclusiveMinimum" ? "minimum" : "maximum"]!.DeepClone();
                    }

                    break;
                default:
                    result[name] = value?.DeepClone();
                    break;
            }
        }

        if (source["exclusiveMinimum"]?.GetValue<bool>() == true)
        {
            result.Remove("minimum");
        }

        if (source["exclusiveMaximum"]?.GetValue<bool>() == true)
        {
            result.Remove("maximum");
        }

        if (result["type"]?.GetValue<string>() == "object" && result.ContainsKey("properties") && !result.ContainsKey("additionalProperties")
            && !result.ContainsKey("allOf") && !result.ContainsKey("anyOf") && !result.ContainsKey("oneOf"))
        {
            result["additionalProperties"] = false;
        }

        if (source["nullable"]?.GetValue<bool>() == true)
        {
            if (result["type"] is JsonValue type)
            {
                result["type"] = new JsonArray(type.GetValue<string>(), "null");
                if (result["enum"] is JsonArray values)
                {
                    values.Add(null);
                }
            }
            else
            {
                return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
            }
        }

        return result;
    }
}
