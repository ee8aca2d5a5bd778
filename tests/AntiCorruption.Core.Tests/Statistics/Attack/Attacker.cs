using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace AntiCorruption.Core.Tests.Statistics.Attack;

/// <summary>
/// Someone with every published table of every year, who knows what the marks mean (docs/API.md):
/// a shown count is exact, "small" is 0 to 4, "complementary" is 5 or more, "withheld" is any
/// whole number; and every sum a reader can form: a table's rows add up to its total, a region's
/// provinces to the region, attendees to no more than the seats taken. The attacker reads only
/// the published JSON, and asks the exact solver how far each suppressed count can be narrowed.
/// </summary>
internal sealed class Attacker
{
    private readonly IntegerProgram _program = new();
    private readonly List<Unknown> _unknowns = [];

    public IReadOnlyList<Unknown> Unknowns => _unknowns;

    /// <summary>A suppressed count: its name (<c>2563 province:TH-80</c>), its mark and its unknown.</summary>
    public sealed record Unknown(string Name, string Mark, int Variable);

    /// <summary>What the solver could say of one unknown: the least and greatest values, each with a solution of every table that has it.</summary>
    public sealed record Finding(Unknown Cell, BigInteger Least, BigInteger Greatest)
    {
        public bool Unbounded => Greatest >= IntegerProgram.Unbounded;

        public override string ToString() => $"{Cell.Name} ({Cell.Mark}): {Least} to {(Unbounded ? "∞" : Greatest.ToString(CultureInfo.InvariantCulture))}";
    }

    /// <summary>Adds one year's published figures (the JSON of <c>GET /api/public/statistics</c>).</summary>
    public void Read(JsonElement year)
    {
        var y = year.GetProperty("fiscalYear").GetInt32().ToString(CultureInfo.InvariantCulture);
        var complaints = year.GetProperty("complaints");
        var total = Term($"{y} complaints", complaints.GetProperty("total"));
        var regions = complaints.GetProperty("byRegion").EnumerateArray()
            .ToDictionary(r => r.GetProperty("region").GetInt32(), r => Term($"{y} region:{r.GetProperty("region").GetInt32()}", r));
        SumsTo(total, regions.Values);
        foreach (var (region, term) in regions)
        {
            SumsTo(term, complaints.GetProperty("byProvince").EnumerateArray().Where(p => p.GetProperty("region").GetInt32() == region)
                .Select(p => Term($"{y} province:{p.GetProperty("province").GetString()}:{region}", p)));
        }

        SumsTo(total, complaints.GetProperty("byCategory").EnumerateArray().Select(c => Term($"{y} category:{c.GetProperty("id").GetString()}", c)));
        SumsTo(total, complaints.GetProperty("byStatus").EnumerateArray().Select(c => Term($"{y} status:{c.GetProperty("id").GetString()}", c)));
        SumsTo(total, complaints.GetProperty("byMonth").EnumerateArray().Select(c => Term($"{y} month:{c.GetProperty("month").GetString()}", c)));

        var workshops = year.GetProperty("workshops");
        var registered = Term($"{y} registered", workshops.GetProperty("registered"));
        var attended = Term($"{y} attended", workshops.GetProperty("attended"));
        var byRegion = workshops.GetProperty("byRegion").EnumerateArray()
            .Select(r => (Held: r.GetProperty("held").GetInt32(), Attended: Term($"{y} attended:{r.GetProperty("region").GetInt32()}", r.GetProperty("attended"))))
            .ToArray();
        SumsTo(attended, byRegion.Select(r => r.Attended));
        // Nobody attends where nothing was held; nobody attends without a seat.
        foreach (var (held, term) in byRegion.Where(r => r.Held == 0))
        {
            Constrain([(term, 1)], 0, equality: true);
        }

        Constrain([(attended, 1), (registered, -1)], 0, equality: false);
        foreach (var (_, term) in byRegion)
        {
            Constrain([(term, 1), (registered, -1)], 0, equality: false);
        }
    }

    /// <summary>The least and greatest value of every suppressed count.</summary>
    public IReadOnlyList<Finding> Solve() =>
        [.. _unknowns.Select(u => new Finding(u, Checked(_program.Minimum(u.Variable), u), Checked(_program.Maximum(u.Variable), u)))];

    private BigInteger Checked((BigInteger Value, long[] Witness)? optimum, Unknown unknown)
    {
        var (value, witness) = optimum ?? throw new InvalidOperationException($"The published tables have no solution at all ({unknown.Name}).");
        Assert.True(value >= IntegerProgram.Unbounded || _program.Satisfies(witness), $"{unknown.Name}: the witness breaks a published sum");
        return value;
    }

    /// <summary>A published count: a number, or an unknown bounded by its mark.</summary>
    private Cell Term(string name, JsonElement cell)
    {
        if (cell.GetProperty("count") is { ValueKind: JsonValueKind.Number } count)
        {
            return new Cell(null, count.GetInt64());
        }

        var mark = cell.GetProperty("suppressed").GetString()!;
        var variable = mark switch
        {
            "small" => _program.Variable(0, 4),
            "complementary" => _program.Variable(5, null),
            "withheld" => _program.Variable(0, null),
            _ => throw new InvalidOperationException($"{name}: unknown mark {mark}"),
        };
        _unknowns.Add(new Unknown(name, mark, variable));
        return new Cell(variable, 0);
    }

    private void SumsTo(Cell total, IEnumerable<Cell> parts) =>
        Constrain([(total, -1), .. parts.Select(p => (p, 1L))], 0, equality: true);

    /// <summary>Σ coefficient · cell (=|≤) right, with the shown counts moved to the right-hand side.</summary>
    private void Constrain(IReadOnlyList<(Cell Cell, long Coefficient)> terms, long right, bool equality)
    {
        var constant = terms.Sum(t => t.Coefficient * t.Cell.Constant);
        var variables = terms.Where(t => t.Cell.Variable is not null).Select(t => (t.Cell.Variable!.Value, t.Coefficient)).ToArray();
        if (variables.Length == 0)
        {
            Assert.True(equality ? constant == right : constant <= right, "Shown counts that do not add up.");
            return;
        }

        if (equality)
        {
            _program.Equal(variables, right - constant);
        }
        else
        {
            _program.AtMost(variables, right - constant);
        }
    }

    private sealed record Cell(int? Variable, long Constant);
}
