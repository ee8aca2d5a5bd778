using System.Text;
using System.Text.Json;

namespace AntiCorruption.Core.Validation;

/// <summary>
/// Reads the fields of one JSON object and records every problem under its camelCase path,
/// so that a client learns all that is wrong with a body at once. Strings lose invisible
/// formatting (<see cref="VisibleText"/>), are trimmed and put in Unicode NFC, and are measured in
/// the characters a person sees; a string that shows nothing counts as absent.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _prefix;

    private JsonFields(JsonElement obj, string prefix, ValidationErrors errors)
    {
        _object = obj;
        _prefix = prefix;
        Errors = errors;
    }

    public ValidationErrors Errors { get; }

    /// <summary>A reader over the body, or null (with an error on <paramref name="bodyField"/>) when the body is not an object.</summary>
    public static JsonFields? ForBody(JsonElement body, ValidationErrors errors, string bodyField = "body")
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(bodyField, Messages.MustBeObject);
            return null;
        }

        return new JsonFields(body, "", errors);
    }

    public string Path(string name) => _prefix.Length == 0 ? name : $"{_prefix}.{name}";

    /// <summary>True when the field is there and not null.</summary>
    public bool IsPresent(string name) => TryGet(name, out _);

    public string? Text(string name, bool required, int maxLength, int minLength = 0, bool multiline = false)
    {
        if (!TryGet(name, out var value))
        {
            ReportMissing(name, required);
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, Messages.MustBeString);
            return null;
        }

        // An escaped lone surrogate ("\ud83d") is valid JSON but no text: the reader and the
        // normaliser would both throw on it.
        var raw = TryGetString(value);
        if (raw is null)
        {
            Fail(name, Messages.BrokenText);
            return null;
        }

        var text = VisibleText.WithoutInvisibleFormatting(raw, singleLine: !multiline).Normalize(NormalizationForm.FormC).Trim();
        var visible = VisibleText.VisibleLength(text);
        if (visible == 0)
        {
            ReportMissing(name, required);
            return null;
        }

        // Trim would silently drop a vertical tab or a separator at either end: refused wherever it is.
        if (HasControlCharacters(text, multiline) || HasControlCharacters(raw, multiline: true))
        {
            Fail(name, Messages.ControlCharacters);
            return null;
        }

        if (VisibleText.MostStackedMarks(text) > VisibleText.MaxMarksPerCharacter)
        {
            Fail(name, Messages.StackedMarks);
            return null;
        }

        if (VisibleText.Length(text) > maxLength)
        {
            Fail(name, Messages.TooLong(maxLength));
            return null;
        }

        // Characters that take more room than a letter (emoji, long clusters) are bounded by size
        // too, so that the longest accepted text still fits its row and its queue message.
        if (Encoding.UTF8.GetByteCount(text) > maxLength * VisibleText.BytesPerCharacter)
        {
            Fail(name, Messages.TooBigToStore);
            return null;
        }

        if (visible < minLength)
        {
            Fail(name, Messages.TooShort(minLength));
            return null;
        }

        return text;
    }

    public bool? Boolean(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            ReportMissing(name, required);
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, Messages.MustBeBoolean);
            return null;
        }

        return value.GetBoolean();
    }

    public double? Number(string name, bool required, double min, double max)
    {
        if (!TryGet(name, out var value))
        {
            ReportMissing(name, required);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Fail(name, Messages.MustBeNumber);
            return null;
        }

        if (number < min)
        {
            Fail(name, min == 0 ? Messages.NotNegative : Messages.OutOfRange(min, max));
            return null;
        }

        if (number > max)
        {
            Fail(name, min == 0 ? Messages.TooLarge(max) : Messages.OutOfRange(min, max));
            return null;
        }

        return number;
    }

    /// <summary>A reader for a nested object, or null when it is absent or not an object.</summary>
    public JsonFields? Child(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            ReportMissing(name, required);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(Path(name), Messages.MustBeObject);
            return null;
        }

        return new JsonFields(value, Path(name), Errors);
    }

    /// <summary>An array of strings; bad items are reported as <c>name[i]</c> and make the result null.</summary>
    public IReadOnlyList<string>? StringArray(string name, int maxItems, int maxItemLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, Messages.MustBeArray);
            return null;
        }

        if (value.GetArrayLength() > maxItems)
        {
            Fail(name, Messages.TooMany(maxItems));
            return null;
        }

        var items = new List<string>();
        var index = 0;
        var allGood = true;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{Path(name)}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                Errors.Add(path, Messages.MustBeString);
                allGood = false;
                continue;
            }

            var text = TryGetString(item)?.Trim();
            if (text is null)
            {
                Errors.Add(path, Messages.BrokenText);
                allGood = false;
                continue;
            }

            if (text.Length == 0 || text.Length > maxItemLength)
            {
                Errors.Add(path, text.Length == 0 ? Messages.Required : Messages.TooLong(maxItemLength));
                allGood = false;
                continue;
            }

            items.Add(text);
        }

        return allGood ? items : null;
    }

    /// <summary>True when the object has no field with a value (all absent, null or empty strings).</summary>
    public bool IsEmpty() =>
        _object.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Null
            || (p.Value.ValueKind == JsonValueKind.String && TryGetString(p.Value) is { } text && string.IsNullOrWhiteSpace(text)));

    public void Fail(string name, LocalizedText message) => Errors.Add(Path(name), message);

    private bool TryGet(string name, out JsonElement value) =>
        _object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private void ReportMissing(string name, bool required)
    {
        if (required)
        {
            Errors.Add(Path(name), Messages.Required);
        }
    }

    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>C0/C1 controls are refused; a multi-line field keeps line breaks and tabs.</summary>
    private static bool HasControlCharacters(string text, bool multiline)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }

        return false;
    }
}
