using System.Text.Json;
using System.Text.Json.Nodes;
using AntiCorruption.Core.Json;
using AntiCorruption.Core.Tests.Statistics.Attack;
using Xunit.Abstractions;

namespace AntiCorruption.Core.Tests.Statistics;

/// <summary>
/// The published figures against someone who has all of them: every table of a generated year,
/// and of two years at once, solved exactly for every suppressed count. The tests hold each
/// finding against the truth the generator kept: a count under 5 must still be any of 0 to 4,
/// any other suppressed count any of at least five values. And the attack works: on the same
/// years with only the small counts hidden, it recovers some of them exactly.
/// </summary>
public class AttackerTests(ITestOutputHelper output)
{
    /// <summary>A whole year compiled after its end (every month), and a year compiled in its sixth month.</summary>
    private static readonly DateTimeOffset AfterYear2563 = new(2020, 10, 5, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InYear2564 = new(2021, 3, 17, 3, 0, 0, TimeSpan.Zero);

    public static TheoryData<int, int> Years => new()
    {
        { 1, 60 },
        { 2, 300 },
        { 3, 1200 },
        { 4, 25 },
        { 5, 8 },
        { 6, 2500 },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public void EveryPublishedTable_OfAGeneratedYear_RecoversNoSuppressedCount(int seed, int complaints)
    {
        var year = new GeneratedYear(seed, 2563, AfterYear2563, complaints);
        var attacker = new Attacker();
        attacker.Read(year.Json);

        AssertProtected(attacker.Solve(), year);
    }

    [Fact]
    public void EveryPublishedTable_OfTwoYears_RecoversNoSuppressedCount()
    {
        var years = new[] { new GeneratedYear(11, 2563, AfterYear2563, 150), new GeneratedYear(12, 2564, InYear2564, 90) };
        var attacker = new Attacker();
        foreach (var year in years)
        {
            attacker.Read(year.Json);
        }

        var findings = attacker.Solve();

        Assert.Contains(findings, f => f.Cell.Name.StartsWith("2563 ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Cell.Name.StartsWith("2564 ", StringComparison.Ordinal));
        AssertProtected(findings, years);
    }

    /// <summary>The attack has teeth: with the small counts hidden and nothing beside them, it pins some of them exactly.</summary>
    [Fact]
    public void Attack_OnTheSameYearsWithOnlySmallCountsHidden_RecoversSomeExactly()
    {
        var pinned = new List<string>();
        foreach (var (seed, complaints) in new[] { (2, 300), (3, 1200) })
        {
            var year = new GeneratedYear(seed, 2563, AfterYear2563, complaints);
            var attacker = new Attacker();
            attacker.Read(OnlySmallHidden(year));

            pinned.AddRange(attacker.Solve().Where(f => f.Least == f.Greatest).Select(f => $"{f} (truly {year.TrueValue(f.Cell.Name)})"));
        }

        output.WriteLine(string.Join('\n', pinned));
        Assert.NotEmpty(pinned);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void PublishedCounts_AreAllAtLeastTheThreshold_ButWhatNoWorkshopMakesZero(int seed, int complaints)
    {
        var year = new GeneratedYear(seed, 2563, AfterYear2563, complaints);
        var withoutWorkshops = year.Statistics.Workshops.ByRegion.Where(r => r.Held == 0).Select(r => r.Region).ToHashSet();

        Assert.All(Cells(year.Json).Where(c => c.Node["count"] is not null), c =>
        {
            var count = c.Node["count"]!.GetValue<long>();
            var knownZero = count == 0 && c.Path.StartsWith("$.workshops", StringComparison.Ordinal)
                && (year.Statistics.Workshops.Held == 0 || (c.Node.Parent is JsonObject row && withoutWorkshops.Contains(row["region"]!.GetValue<int>())));
            Assert.True(count >= 5 || knownZero, $"{c.Path} shows {count}");
        });
        Assert.All(year.Statistics.Workshops.ByRegion.Where(r => r.Held == 0), r => Assert.Equal(0, r.Attended.Count));
    }

    private void AssertProtected(IReadOnlyList<Attacker.Finding> findings, params GeneratedYear[] years)
    {
        var truth = years.SelectMany(y => y.Truth).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        output.WriteLine($"{findings.Count} suppressed counts solved: " + string.Join(", ", findings.GroupBy(f => f.Cell.Mark).Select(g => $"{g.Count()} {g.Key}")));
        var failures = new List<string>();
        foreach (var f in findings)
        {
            var value = truth.GetValueOrDefault(f.Cell.Name);
            if (value < f.Least || value > f.Greatest)
            {
                failures.Add($"{f}: the truth {value} is outside what the solver allows (a solver bug)");
            }
            else if (f.Cell.Mark == "small" && (f.Least != 0 || f.Greatest != 4))
            {
                failures.Add($"{f}: a count under 5 narrowed beyond 0-4 (truly {value})");
            }
            else if (value < 5 && (f.Least != 0 || f.Greatest < 4))
            {
                failures.Add($"{f}: a withheld count under 5 narrowed (truly {value})");
            }
            else if (!f.Unbounded && f.Greatest - f.Least < 4)
            {
                failures.Add($"{f}: fewer than five values left (truly {value})");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The naive publication: the same figures with every complementary or withheld count shown as it is.</summary>
    private static JsonElement OnlySmallHidden(GeneratedYear year)
    {
        var node = JsonNode.Parse(year.Json.GetRawText())!;
        var y = year.Statistics.FiscalYear;
        Reveal(node["complaints"]!["total"]!, year.TrueValue($"{y} complaints"));
        foreach (var r in node["complaints"]!["byRegion"]!.AsArray())
        {
            Reveal(r!, year.TrueValue($"{y} region:{r!["region"]!.GetValue<int>()}"));
        }

        foreach (var p in node["complaints"]!["byProvince"]!.AsArray())
        {
            Reveal(p!, year.TrueValue($"{y} province:{p!["province"]!.GetValue<string>()}:{p["region"]!.GetValue<int>()}"));
        }

        foreach (var (table, key, prefix) in new[] { ("byCategory", "id", "category"), ("byStatus", "id", "status"), ("byMonth", "month", "month") })
        {
            foreach (var c in node["complaints"]![table]!.AsArray())
            {
                Reveal(c!, year.TrueValue($"{y} {prefix}:{c![key]!.GetValue<string>()}"));
            }
        }

        Reveal(node["workshops"]!["registered"]!, year.TrueValue($"{y} registered"));
        Reveal(node["workshops"]!["attended"]!, year.TrueValue($"{y} attended"));
        foreach (var r in node["workshops"]!["byRegion"]!.AsArray())
        {
            Reveal(r!["attended"]!, year.TrueValue($"{y} attended:{r["region"]!.GetValue<int>()}"));
        }

        return JsonSerializer.SerializeToElement(node, JsonDefaults.Options);
    }

    private static void Reveal(JsonNode cell, long value)
    {
        if (value >= 5 && cell["suppressed"] is not null)
        {
            cell["count"] = value;
            cell["suppressed"] = null;
        }
    }

    /// <summary>Every object with a <c>count</c> in the published JSON, with its path.</summary>
    private static IEnumerable<(string Path, JsonObject Node)> Cells(JsonElement json)
    {
        var stack = new Stack<(string, JsonNode?)>([("$", JsonNode.Parse(json.GetRawText()))]);
        while (stack.TryPop(out var item))
        {
            var (path, node) = item;
            switch (node)
            {
                case JsonObject o:
                    if (o.ContainsKey("count"))
                    {
                        yield return (path, o);
                    }

                    foreach (var (name, child) in o)
                    {
                        stack.Push(($"{path}.{name}", child));
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        stack.Push(($"{path}[{i}]", a[i]));
                    }

                    break;
            }
        }
    }
}
