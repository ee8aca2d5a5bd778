namespace AntiCorruption.Core.Validation;

/// <summary>Validation failures keyed by camelCase field path (<c>reporter.phone</c>), in order of discovery.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<LocalizedText>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public IEnumerable<string> Fields => _errors.Keys;

    public void Add(string field, LocalizedText message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> In(Language language) =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(language)).ToArray(), StringComparer.Ordinal);

    public static ValidationErrors For(string field, LocalizedText message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }
}
