using AntiCorruption.Core.Statistics;
using AntiCorruption.Core.Tests.Statistics.Attack;

namespace AntiCorruption.Core.Tests.Statistics;

public class DisclosureControlTests
{
    private static DisclosureCell[] Row(params long[] values) => [.. values.Select((v, i) => new DisclosureCell($"c{i}", v))];

    private static DisclosureCell Table(params long[] values)
    {
        var parts = Row(values);
        return new DisclosureCell("total", values.Sum()).Split(parts);
    }

    [Fact]
    public void Protect_NoSmallCount_ShowsEverything()
    {
        var total = Table(5, 9, 120);

        DisclosureControl.Protect(total);

        Assert.All(total.Partitions[0].Append(total), c => Assert.Null(c.Suppressed));
    }

    [Fact]
    public void Protect_ZeroAndSmallCounts_AreShownAsSmallNotAsNumbers()
    {
        var total = Table(0, 3, 30, 40, 50);

        DisclosureControl.Protect(total);

        Assert.Equal(Suppression.Small, total.Partitions[0][0].Suppressed);
        Assert.Equal(Suppression.Small, total.Partitions[0][1].Suppressed);
        Assert.Null(total.Partitions[0][0].Shown);
    }

    [Fact]
    public void Protect_OneSmallCount_WithholdsTheSmallestNeighbourOfAtLeastNine()
    {
        var total = Table(2, 6, 11, 12, 400);

        DisclosureControl.Protect(total);

        Assert.Equal(new Suppression?[] { Suppression.Small, null, Suppression.Complementary, null, null }, total.Partitions[0].Select(c => c.Suppressed));
        var ranges = DisclosureControl.Ranges(total);
        Assert.Equal(new ValueRange(0, 4), ranges[total.Partitions[0][0]]);
        Assert.Equal(new ValueRange(9, 13), ranges[total.Partitions[0][2]]);
    }

    [Fact]
    public void Protect_TwoSmallCountsThatTheTotalWouldPin_WithholdsOneMore()
    {
        // 0 + 0: the total gives their sum, 0, so each would be known to be 0.
        var total = Table(0, 0, 20, 30);

        DisclosureControl.Protect(total);

        Assert.Contains(total.Partitions[0], c => c.Suppressed == Suppression.Complementary);
    }

    [Fact]
    public void Protect_RegionWithheldBesideASmallRegion_WithholdsAProvinceInsideIt()
    {
        var small = new DisclosureCell("region:1", 3).Split([new DisclosureCell("p1", 3), new DisclosureCell("p2", 0)]);
        var quiet = new DisclosureCell("region:2", 30).Split([new DisclosureCell("p3", 12), new DisclosureCell("p4", 18)]);
        var busy = new DisclosureCell("region:3", 500).Split([new DisclosureCell("p5", 500)]);
        var total = new DisclosureCell("total", 533).Split([small, quiet, busy]);

        DisclosureControl.Protect(total);

        Assert.Equal(Suppression.Complementary, quiet.Suppressed);
        Assert.Contains(quiet.Partitions[0], p => p.Suppressed is not null);
        var ranges = DisclosureControl.Ranges(total);
        Assert.All(new[] { small, quiet }.Concat(small.Partitions[0]).Concat(quiet.Partitions[0]).Where(c => c.Suppressed is not null),
            c => Assert.True(DisclosureControl.IsProtected(c, ranges[c]), $"{c}: {ranges[c]}"));
    }

    [Fact]
    public void Protect_TotalUnderTheThreshold_HidesEveryCountAsSmall()
    {
        var total = Table(0, 1, 2);

        DisclosureControl.Protect(total);

        Assert.All(total.Partitions[0].Append(total), c => Assert.Equal(Suppression.Small, c.Suppressed));
    }

    [Fact]
    public void Protect_KnownZeros_StayShown()
    {
        var parts = new[] { new DisclosureCell("a", 0, known: true), new DisclosureCell("b", 2), new DisclosureCell("c", 20) };
        var total = new DisclosureCell("total", 22).Split(parts);

        DisclosureControl.Protect(total);

        Assert.Equal(0, parts[0].Shown);
        Assert.Equal(Suppression.Small, parts[1].Suppressed);
        Assert.Equal(Suppression.Complementary, parts[2].Suppressed);
    }

    [Fact]
    public void Split_PartsThatDoNotAddUp_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DisclosureCell("total", 10).Split(Row(3, 4)));
    }

    /// <summary>
    /// Random trees like the real one (a total split several ways, some parts split again):
    /// after protection every suppressed cell is protected, and the two-pass ranges are exactly
    /// what the general integer solver finds.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Protect_RandomTrees_LeaveEveryCellProtectedAndTheRangesAreExact(int seed)
    {
        var random = new Random(seed);
        var root = RandomTree(random);

        DisclosureControl.Protect(root);

        var ranges = DisclosureControl.Ranges(root);
        var (program, unknowns) = Model(root);
        foreach (var (cell, variable) in unknowns)
        {
            Assert.True(DisclosureControl.IsProtected(cell, ranges[cell]), $"{cell}: {ranges[cell]}");
            var least = program.Minimum(variable)!.Value.Value;
            var greatest = program.Maximum(variable)!.Value.Value;
            Assert.Equal(ranges[cell].Low, (long)least);
            Assert.Equal(ranges[cell].High == DisclosureControl.Unbounded ? IntegerProgram.Unbounded : ranges[cell].High, greatest);
        }
    }

    private static DisclosureCell RandomTree(Random random)
    {
        long Count() => random.NextDouble() < 0.5 ? random.Next(0, 5) : random.Next(5, 40);
        var regions = Enumerable.Range(0, random.Next(2, 6)).Select(r =>
        {
            var provinces = Enumerable.Range(0, random.Next(1, 5)).Select(p => new DisclosureCell($"p{r}.{p}", Count())).ToArray();
            return new DisclosureCell($"r{r}", provinces.Sum(p => p.Value)).Split(provinces);
        }).ToArray();
        var total = regions.Sum(r => r.Value);
        var root = new DisclosureCell("total", total).Split(regions);
        for (var split = 0; split < 2; split++)
        {
            // Another way of cutting the same total: random parts that add up to it.
            var parts = new List<long>();
            var left = total;
            for (var i = random.Next(2, 6); i > 1 && left > 0; i--)
            {
                var part = random.NextDouble() < 0.5 ? Math.Min(left, random.Next(0, 5)) : random.NextInt64(0, left + 1);
                parts.Add(part);
                left -= part;
            }

            parts.Add(left);
            root.Split(parts.Select((v, i) => new DisclosureCell($"s{split}.{i}", v)));
        }

        return root;
    }

    /// <summary>The published tree as the attacker sees it: shown counts fixed, the others bounded by their marks.</summary>
    private static (IntegerProgram Program, List<(DisclosureCell Cell, int Variable)> Unknowns) Model(DisclosureCell root)
    {
        var program = new IntegerProgram();
        var unknowns = new List<(DisclosureCell, int)>();
        var variables = new Dictionary<DisclosureCell, int>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<DisclosureCell>([root]);
        while (queue.TryDequeue(out var cell))
        {
            var bound = DisclosureControl.BoundOf(cell);
            variables[cell] = program.Variable(bound.Low, bound.High == DisclosureControl.Unbounded ? null : bound.High);
            if (cell.Suppressed is not null)
            {
                unknowns.Add((cell, variables[cell]));
            }

            foreach (var part in cell.Partitions.SelectMany(p => p))
            {
                queue.Enqueue(part);
            }
        }

        foreach (var cell in variables.Keys)
        {
            foreach (var parts in cell.Partitions)
            {
                program.Equal(parts.Select(p => (variables[p], 1L)).Append((variables[cell], -1L)), 0);
            }
        }

        return (program, unknowns);
    }
}
