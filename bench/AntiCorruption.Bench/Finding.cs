using System.Globalization;
using System.Text;

namespace AntiCorruption.Bench;

/// <summary>One row of the results table, and the section that explains it.</summary>
internal sealed record Finding(string Path, string Measured, string Baseline, string Ratio, string Target, bool Met, string Details)
{
    /// <summary>Storage calls per complaint, where the benchmark counted them (for the scale analysis).</summary>
    public double? StorageCallsEach { get; init; }
}

/// <summary>Markdown text with invariant numbers.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public Markdown Line(FormattableString line)
    {
        _text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public Markdown Line(string line = "")
    {
        _text.AppendLine(line);
        return this;
    }

    public Markdown Table(string[] header, IEnumerable<string[]> rows)
    {
        _text.AppendLine("| " + string.Join(" | ", header) + " |");
        _text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            _text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    public static string N(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
