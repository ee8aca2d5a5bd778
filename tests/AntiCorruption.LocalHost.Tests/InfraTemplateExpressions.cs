using System.Globalization;
using System.Text;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>The expressions of a compiled template: the parser and what each function does.</summary>
internal sealed partial class InfraTemplateEvaluator
{
    private abstract record Node(string Text)
    {
        public abstract object? Evaluate(InfraTemplateEvaluator scope);
    }

    private sealed record Literal(string Text, object? Value) : Node(Text)
    {
        public override object? Evaluate(InfraTemplateEvaluator scope) => Value;
    }

    private sealed record Lambda(IReadOnlyList<string> Parameters, Node Body);

    private sealed record Member(string Text, Node Target, Node Key) : Node(Text)
    {
        public override object? Evaluate(InfraTemplateEvaluator scope) => (Target.Evaluate(scope), Key.Evaluate(scope)) switch
        {
            (Dictionary<string, object?> target, string key) => target.GetValueOrDefault(key),
            (List<object?> target, double index) => target[(int)index],
            (Unknown target, string key) => new Unknown($"{target.Expression}.{key}"),
            _ => new Unknown(Text),
        };
    }

    private sealed record Call(string Text, string Name, IReadOnlyList<Node> Arguments) : Node(Text)
    {
        public override object? Evaluate(InfraTemplateEvaluator scope)
        {
            switch (Name)
            {
                case "if":
                    return Arguments[0].Evaluate(scope) switch
                    {
                        true => Arguments[1].Evaluate(scope),
                        false => Arguments[2].Evaluate(scope),
                        _ => new Unknown(Text),
                    };
                case "lambda":
                    return new Lambda(Arguments.SkipLast(1).Select(a => (string)a.Evaluate(scope)!).ToList(), Arguments[^1]);
            }

            var values = Arguments.Select(a => a.Evaluate(scope)).ToList();
            switch (Name)
            {
                case "resourceId":
                    return ResourceId($"/subscriptions/{SubscriptionId}/resourceGroups/rg-test", values);
                case "subscriptionResourceId":
                    return ResourceId($"/subscriptions/{SubscriptionId}", values);
                case "reference" when values[0] is string symbol:
                    return scope.Reference(symbol);
                case "format" when values.Any(v => v is Unknown):
                    return new Unknown(string.Format(CultureInfo.InvariantCulture, (string)values[0]!, values.Skip(1).Select(v => v is Unknown u ? $"<{u.Expression}>" : v).ToArray()));

                // An array or object built in an expression (e.g. app settings joined with concat) keeps
                // its shape when some values are known only at deployment: those stay Unknown inside it.
                case "createArray":
                    return values;
                case "createObject" when values.Where((_, i) => i % 2 == 0).All(k => k is string):
                    return values.Chunk(2).ToDictionary(pair => (string)pair[0]!, pair => pair[1], StringComparer.OrdinalIgnoreCase);
            }

            if (values.Any(v => v is Unknown))
            {
                return new Unknown(Text);
            }

            return Name switch
            {
                "parameters" => scope._parameters.TryGetValue((string)values[0]!, out var parameter) ? parameter : new Unknown(Text),
                "variables" => scope.Variable((string)values[0]!),
                "copyIndex" => scope._copyIndex[values.FirstOrDefault() as string ?? ""] + (values.LastOrDefault() is double offset ? (int)offset : 0) + 0.0,
                "true" => true,
                "false" => false,
                "null" => null,
                "not" => !(bool)values[0]!,
                "and" => values.All(v => (bool)v!),
                "or" => values.Any(v => (bool)v!),
                "equals" => Equals(values[0], values[1]),
                "greater" => (double)values[0]! > (double)values[1]!,
                "greaterOrEquals" => (double)values[0]! >= (double)values[1]!,
                "less" => (double)values[0]! < (double)values[1]!,
                "lessOrEquals" => (double)values[0]! <= (double)values[1]!,
                "empty" => values[0] switch { null => true, string s => s.Length == 0, List<object?> l => l.Count == 0, Dictionary<string, object?> d => d.Count == 0, _ => false },
                "length" => (double)(values[0] is string s ? s.Length : ((List<object?>)values[0]!).Count),
                "union" => values.SelectMany(v => (Dictionary<string, object?>)v!).GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase),
                "items" => ((Dictionary<string, object?>)values[0]!).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (object?)new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["key"] = p.Key, ["value"] = p.Value }).ToList(),
                "concat" => values.All(v => v is List<object?>) ? values.SelectMany(v => (List<object?>)v!).ToList() : string.Concat(values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))),
                "format" => string.Format(CultureInfo.InvariantCulture, (string)values[0]!, values.Skip(1).ToArray()),
                "string" => values[0] is double d ? d.ToString(CultureInfo.InvariantCulture) : Convert.ToString(values[0], CultureInfo.InvariantCulture),
                "tryGet" => values[0] is Dictionary<string, object?> d ? d.GetValueOrDefault((string)values[1]!) : null,
                "coalesce" => values.FirstOrDefault(v => v is not null),
                "split" => ((string)values[0]!).Split((string)values[1]!).Cast<object?>().ToList(),
                "trim" => ((string)values[0]!).Trim(),
                "toLower" => ((string)values[0]!).ToLowerInvariant(),
                "replace" => ((string)values[0]!).Replace((string)values[1]!, (string)values[2]!, StringComparison.Ordinal),
                "join" => string.Join((string)values[1]!, (List<object?>)values[0]!),
                "lambdaVariables" => scope._lambdaVariables[(string)values[0]!],
                "map" => ((List<object?>)values[0]!).Select(item => scope.Apply((Lambda)values[1]!, item)).ToList(),
                "filter" => ((List<object?>)values[0]!).Where(item => scope.Apply((Lambda)values[1]!, item) is true).ToList(),
                "uniqueString" => Hash(values, 13),
                "guid" => new Guid(Convert.FromHexString(Hash(values, 32))).ToString(),
                "subscription" => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = $"/subscriptions/{SubscriptionId}", ["subscriptionId"] = SubscriptionId, ["tenantId"] = TenantId },
                "resourceGroup" => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = $"/subscriptions/{SubscriptionId}/resourceGroups/rg-test", ["name"] = "rg-test" },
                "tenant" => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["tenantId"] = TenantId },
                "deployment" => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["name"] = "test" },
                "environment" => scope.Evaluate(AzureCloud.RootElement),
                _ => new Unknown(Text),
            };
        }
    }

    /// <summary>Expressions as the compiler writes them: literals, calls, .member and [index].</summary>
    private sealed class Parser(string source)
    {
        private int _at;

        public Node Parse()
        {
            var node = Expression();
            return _at == source.Length ? node : throw new FormatException($"Unexpected '{source[_at..]}' in [{source}]");
        }

        private Node Expression()
        {
            var start = _at;
            var node = Primary();
            while (_at < source.Length && source[_at] is '.' or '[')
            {
                if (source[_at++] == '.')
                {
                    var name = Identifier();
                    node = new Member(source[start.._at], node, new Literal(name, name));
                }
                else
                {
                    var key = Expression();
                    Expect(']');
                    node = new Member(source[start.._at], node, key);
                }
            }

            return node;
        }

        private Node Primary()
        {
            var start = _at;
            if (source[_at] == '\'')
            {
                var text = new StringBuilder();
                _at++;
                while (!(source[_at] == '\'' && (_at + 1 == source.Length || source[_at + 1] != '\'')))
                {
                    _at += source[_at] == '\'' ? 1 : 0;
                    text.Append(source[_at++]);
                }

                _at++;
                return new Literal(source[start.._at], text.ToString());
            }

            if (char.IsDigit(source[_at]) || source[_at] == '-')
            {
                while (_at < source.Length && (char.IsDigit(source[_at]) || source[_at] is '-' or '.'))
                {
                    _at++;
                }

                return new Literal(source[start.._at], double.Parse(source[start.._at], CultureInfo.InvariantCulture));
            }

            var name = Identifier();
            Expect('(');
            var arguments = new List<Node>();
            while (source[_at] != ')')
            {
                arguments.Add(Expression());
                while (source[_at] is ',' or ' ')
                {
                    _at++;
                }
            }

            _at++;
            return new Call(source[start.._at], name, arguments);
        }

        private string Identifier()
        {
            var start = _at;
            while (_at < source.Length && (char.IsLetterOrDigit(source[_at]) || source[_at] is '_' or '$'))
            {
                _at++;
            }

            return start < _at ? source[start.._at] : throw new FormatException($"Expected a name at {_at} in [{source}]");
        }

        private void Expect(char expected)
        {
            if (_at >= source.Length || source[_at] != expected)
            {
                throw new FormatException($"Expected '{expected}' at {_at} in [{source}]");
            }

            _at++;
        }
    }
}
