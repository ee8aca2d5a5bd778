using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// Enough of Azure Resource Manager's template language to say what a compiled template deploys for
/// given parameter values: parameters, variables, module outputs, resource and property loops, the
/// logical, comparison, string, array and object functions the Bicep compiler writes, lambdas, and
/// resource ids. Subscription, tenant and uniqueString get fixed stand-ins; what only a deployment
/// can know (a resource's runtime properties, a principal id) stays <see cref="Unknown"/>, carrying
/// its expression, so a test can still see where a value comes from.
/// </summary>
internal sealed partial class InfraTemplateEvaluator
{
    /// <summary>A value known only at deployment time.</summary>
    public sealed record Unknown(string Expression);

    /// <summary>One resource the deployment creates (one per loop iteration), and how to read its values.</summary>
    public sealed record Instance(JsonElement Resource, InfraTemplateEvaluator Scope, int? Index)
    {
        public string Type => Resource.Type();

        /// <summary>The value at a path of the resource (e.g. "properties", "publicNetworkAccess"), evaluated.</summary>
        public object? Get(params string[] path) =>
            path.Aggregate<string, object?>(Scope.Evaluate(Resource, Index), (value, key) => value is Dictionary<string, object?> d ? d.GetValueOrDefault(key) : null);

        public string? Name => Get("name") as string;
    }

    private const string SubscriptionId = "00000000-0000-0000-0000-000000000000";
    private const string TenantId = "11111111-1111-1111-1111-111111111111";

    private static readonly JsonDocument AzureCloud = JsonDocument.Parse("""
        {"name": "AzureCloud", "suffixes": {"storage": "core.windows.net"}, "authentication": {"loginEndpoint": "https://login.microsoftonline.com/"}}
        """);

    private readonly JsonElement _template;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, InfraTemplateEvaluator> _modules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _lambdaVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _copyIndex = new(StringComparer.OrdinalIgnoreCase);

    public InfraTemplateEvaluator(JsonElement template, IReadOnlyDictionary<string, object?> parameters)
    {
        _template = template;
        if (template.TryGetProperty("parameters", out var declared))
        {
            foreach (var parameter in declared.EnumerateObject())
            {
                _parameters[parameter.Name] = parameters.TryGetValue(parameter.Name, out var given) ? given
                    : parameter.Value.TryGetProperty("defaultValue", out var fallback) ? Evaluate(fallback)
                    : new Unknown($"parameters('{parameter.Name}')");
            }
        }
    }

    private IEnumerable<(string? Symbol, JsonElement Resource)> Declared() =>
        !_template.TryGetProperty("resources", out var resources) ? []
        : resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => ((string?)p.Name, p.Value))
        : resources.EnumerateArray().Select(r => ((string?)null, r));

    /// <summary>Every resource the deployment would create (not existing ones, not those whose condition is false), loops expanded, modules followed.</summary>
    public IEnumerable<Instance> Deployed()
    {
        foreach (var (symbol, resource) in Declared())
        {
            if (resource.IsExisting())
            {
                continue;
            }

            IEnumerable<int?> indexes = resource.TryGetProperty("copy", out var copy) && Evaluate(copy.GetProperty("count")) is double count
                ? Enumerable.Range(0, (int)count).Select(i => (int?)i)
                : [null];
            foreach (var index in indexes)
            {
                if (resource.TryGetProperty("condition", out var condition) && Evaluate(condition, index) is false)
                {
                    continue;
                }

                yield return new Instance(resource, this, index);
                if (resource.Type() == "Microsoft.Resources/deployments")
                {
                    foreach (var nested in Module(resource, symbol, index).Deployed())
                    {
                        yield return nested;
                    }
                }
            }
        }
    }

    private InfraTemplateEvaluator Module(JsonElement resource, string? symbol, int? index)
    {
        if (symbol is not null && index is null && _modules.TryGetValue(symbol, out var known))
        {
            return known;
        }

        var properties = resource.GetProperty("properties");
        var given = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (properties.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                given[parameter.Name] = Evaluate(parameter.Value, index) is Dictionary<string, object?> entry && entry.TryGetValue("value", out var value)
                    ? value
                    : new Unknown($"module parameter {parameter.Name}");
            }
        }

        var module = new InfraTemplateEvaluator(properties.GetProperty("template"), given);
        if (symbol is not null && index is null)
        {
            _modules[symbol] = module;
        }

        return module;
    }

    /// <summary>A JSON value of the template with every expression in it evaluated, property loops expanded.</summary>
    public object? Evaluate(JsonElement value, int? index = null)
    {
        if (index is { } i)
        {
            _copyIndex[""] = i;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => Object(value),
            JsonValueKind.Array => value.EnumerateArray().Select(v => Evaluate(v)).ToList(),
            JsonValueKind.String => value.GetString() is ['[', .. var inner, ']'] expression && !expression.StartsWith("[[", StringComparison.Ordinal)
                ? new Parser(inner).Parse().Evaluate(this)
                : value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.GetDouble(),
            _ => null,
        };
    }

    private Dictionary<string, object?> Object(JsonElement value)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "copy" && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var loop in property.Value.EnumerateArray())
                {
                    var name = loop.GetProperty("name").GetString()!;
                    result[name] = Evaluate(loop.GetProperty("count")) is double count
                        ? Enumerable.Range(0, (int)count).Select(i => { _copyIndex[name] = i; return Evaluate(loop.GetProperty("input")); }).ToList()
                        : new Unknown($"copy {name}");
                }
            }
            else
            {
                result[property.Name] = Evaluate(property.Value);
            }
        }

        return result;
    }

    /// <summary>A variable of this template, evaluated.</summary>
    public object? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            value = _template.GetProperty("variables").TryGetProperty(name, out var declared) ? Evaluate(declared) : new Unknown($"variables('{name}')");
            _variables[name] = value;
        }

        return value;
    }

    /// <summary>reference() of a module by symbolic name: its outputs, as far as they can be known; of anything else, unknown.</summary>
    private object? Reference(string symbol)
    {
        var resource = Declared().FirstOrDefault(r => r.Symbol == symbol).Resource;
        if (resource.ValueKind != JsonValueKind.Object || resource.Type() != "Microsoft.Resources/deployments")
        {
            return new Unknown($"reference('{symbol}')");
        }

        var module = Module(resource, symbol, null);
        var outputs = module._template.TryGetProperty("outputs", out var declared)
            ? declared.EnumerateObject().ToDictionary(o => o.Name, o => (object?)new Dictionary<string, object?> { ["value"] = module.Evaluate(o.Value.GetProperty("value")) }, StringComparer.OrdinalIgnoreCase)
            : [];
        return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["outputs"] = outputs };
    }

    private static string Hash(IEnumerable<object?> values, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', values))))[..length];

    /// <summary>resourceId / subscriptionResourceId: a deployment-time part of the id is written as {?}.</summary>
    private static string ResourceId(string prefix, List<object?> values)
    {
        var type = ((string)values[0]!).Split('/');
        var names = values.Skip(1).Select(v => v is Unknown ? "{?}" : Convert.ToString(v, CultureInfo.InvariantCulture)).ToList();
        names = names.Skip(names.Count - (type.Length - 1)).ToList();
        return $"{prefix}/providers/{type[0]}/" + string.Join('/', type.Skip(1).Zip(names, (t, n) => $"{t}/{n}"));
    }

    private object? Apply(Lambda lambda, object? item)
    {
        _lambdaVariables[lambda.Parameters[0]] = item;
        try
        {
            return lambda.Body.Evaluate(this);
        }
        finally
        {
            _lambdaVariables.Remove(lambda.Parameters[0]);
        }
    }
}
