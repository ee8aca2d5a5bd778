namespace AntiCorruption.Core.Statistics;

/// <summary>
/// The rule that keeps the public figures from pointing at anyone (docs/API.md, "Public
/// statistics", has it in full):
/// <list type="number">
/// <item>every count under <see cref="Threshold"/>, zero included, is shown as "&lt;5";</item>
/// <item>more counts are withheld until, from every published count and every sum that links
/// them, a reader can narrow a "&lt;5" to nothing less than "any of 0, 1, 2, 3, 4", and any other
/// withheld count to nothing less than five possible values.</item>
/// </list>
/// Zero is suppressed with the small counts: a zero shown as 0 would tell the reader that every
/// "&lt;5" is at least 1, and four "&lt;5" provinces in a "&lt;5" region would then each be exactly 1.
/// <para>
/// The reader is assumed to know what each mark means ("&lt;5": 0 to 4; withheld beside a small
/// count: 5 or more; withheld with its list: anything), every published count of every year, and
/// every sum: a table's rows add up to its total, a region's provinces to the region. What the
/// reader can then say of a cell is computed exactly (<see cref="Ranges"/>): the published sums
/// form a tree over the cells (the country at the root, split several ways), and in a tree the
/// values one cell can take, given the rest, are an interval found in two passes. The protection
/// adds complementary cells one at a time until that interval is wide enough for every suppressed
/// cell; the tests attack the result with a general integer solver.
/// </para>
/// </summary>
public static class DisclosureControl
{
    /// <summary>Counts under this are not shown.</summary>
    public const int Threshold = 5;

    /// <summary>No upper bound: a withheld count of 5 or more, as far as the reader knows.</summary>
    public const long Unbounded = long.MaxValue;

    /// <summary>
    /// Decides which cells of the trees under <paramref name="roots"/> are shown. Each root is
    /// shown unless it is itself under the threshold; the protection only ever adds suppressions.
    /// </summary>
    public static void Protect(params DisclosureCell[] roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var cells = Flatten(roots);
        foreach (var cell in cells.AsEnumerable().Reverse())
        {
            // A cell whose parts are all known is known too (no workshop anywhere: no attendee anywhere).
            cell.Known |= cell.Partitions.Any(p => p.All(c => c.Known));
        }

        foreach (var cell in cells)
        {
            cell.Suppressed = !cell.Known && cell.Value < Threshold ? Suppression.Small : null;
        }

        // Each step suppresses a shown cell or withholds a suppressed one, so it ends within 2n steps.
        for (var step = 0; step <= 2 * cells.Count; step++)
        {
            // First a withheld cell whose parts are all shown: they add up to it, whatever else is withheld.
            if (cells.Where(c => c.Suppressed is not null).SelectMany(c => c.Partitions).FirstOrDefault(p => p.All(c => c.Suppressed is null) && Choose(p) is not null) is { } open)
            {
                Choose(open)!.Suppressed = Suppression.Complementary;
                continue;
            }

            var ranges = Ranges(roots);
            if (cells.FirstOrDefault(c => !IsProtected(c, ranges[c])) is not { } exposed)
            {
                return;
            }

            if (!Fix(exposed))
            {
                break;
            }
        }

        // Nothing left to try cell by cell (a very small year): withhold everything under the roots.
        foreach (var cell in cells.Where(c => c.Parent is not null && !c.Known))
        {
            cell.Suppressed = Suppression.Withheld;
        }

        var last = Ranges(roots);
        if (cells.FirstOrDefault(c => !IsProtected(c, last[c])) is { } still)
        {
            throw new InvalidOperationException($"No protection found for {still}.");
        }
    }

    /// <summary>
    /// Whether what a reader can say of a suppressed cell is vague enough: a true count under the
    /// threshold could be any of 0 to 4, a larger one any of at least five values.
    /// </summary>
    public static bool IsProtected(DisclosureCell cell, ValueRange range)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Suppressed is null
            || (cell.Value < Threshold ? range.Low == 0 && range.High >= Threshold - 1 : range.Width >= Threshold - 1);
    }

    /// <summary>
    /// For every cell under <paramref name="roots"/>, the values it can take given everything
    /// published: exact, because the sums form a tree. First, bottom up, the values each cell's
    /// subtree allows; then, top down, those its parent and siblings leave it.
    /// </summary>
    public static IReadOnlyDictionary<DisclosureCell, ValueRange> Ranges(params DisclosureCell[] roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var cells = Flatten(roots);
        var inner = new Dictionary<DisclosureCell, ValueRange>(ReferenceEqualityComparer.Instance);
        foreach (var cell in cells.AsEnumerable().Reverse())
        {
            var range = BoundOf(cell);
            foreach (var parts in cell.Partitions)
            {
                range = range.Intersect(new ValueRange(Sum(parts.Select(p => inner[p].Low)), Sum(parts.Select(p => inner[p].High))));
            }

            inner[cell] = range;
        }

        var feasible = new Dictionary<DisclosureCell, ValueRange>(ReferenceEqualityComparer.Instance);
        foreach (var cell in cells)
        {
            if (cell.Parent is not { } parent)
            {
                feasible[cell] = inner[cell];
                continue;
            }

            var others = cell.Siblings.Where(s => !ReferenceEquals(s, cell)).ToArray();
            var (parentRange, lowSum, highSum) = (feasible[parent], Sum(others.Select(s => inner[s].Low)), Sum(others.Select(s => inner[s].High)));
            feasible[cell] = inner[cell].Intersect(new ValueRange(
                highSum == Unbounded ? 0 : Math.Max(0, parentRange.Low - highSum),
                parentRange.High == Unbounded ? Unbounded : parentRange.High - lowSum));
        }

        return feasible;
    }

    /// <summary>What the marks say of a cell on their own.</summary>
    public static ValueRange BoundOf(DisclosureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Suppressed switch
        {
            null => new(cell.Value, cell.Value),
            Suppression.Small => new(0, Threshold - 1),
            Suppression.Complementary => new(Threshold, Unbounded),
            _ => new(0, Unbounded),
        };
    }

    /// <summary>
    /// One step towards protecting <paramref name="cell"/>: a list of its parts that is all shown
    /// gives it away, so one part is withheld; else one shown sibling is withheld beside it; else
    /// its whole list, then its parts' lists, are withheld. False when there is nothing left to do.
    /// </summary>
    private static bool Fix(DisclosureCell cell)
    {
        foreach (var parts in cell.Partitions)
        {
            if (parts.All(p => p.Suppressed is null) && Choose(parts) is { } part)
            {
                part.Suppressed = Suppression.Complementary;
                return true;
            }
        }

        if (Choose(cell.Siblings) is { } sibling)
        {
            sibling.Suppressed = Suppression.Complementary;
            return true;
        }

        foreach (var list in cell.Siblings.Count > 0 ? cell.Partitions.Prepend(cell.Siblings) : cell.Partitions)
        {
            var open = list.Where(c => !c.Known && c.Suppressed != Suppression.Withheld).ToArray();
            if (open.Length > 0)
            {
                foreach (var c in open)
                {
                    c.Suppressed = Suppression.Withheld;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The shown cell to withhold from a list: the smallest that is at least the threshold plus
    /// four (alone it leaves a small neighbour all of 0-4), else the largest; ties by list order.
    /// </summary>
    private static DisclosureCell? Choose(IReadOnlyList<DisclosureCell> list)
    {
        var open = list.Where(c => c.Suppressed is null && !c.Known).ToArray();
        return open.Where(c => c.Value >= Threshold + 4).OrderBy(c => c.Value).FirstOrDefault()
            ?? open.OrderByDescending(c => c.Value).FirstOrDefault();
    }

    /// <summary>Every cell, each before its parts (roots first, breadth first).</summary>
    private static List<DisclosureCell> Flatten(IEnumerable<DisclosureCell> roots)
    {
        var cells = new List<DisclosureCell>();
        var queue = new Queue<DisclosureCell>(roots);
        while (queue.TryDequeue(out var cell))
        {
            cells.Add(cell);
            foreach (var part in cell.Partitions.SelectMany(p => p))
            {
                queue.Enqueue(part);
            }
        }

        return cells;
    }

    private static long Sum(IEnumerable<long> values)
    {
        long total = 0;
        foreach (var v in values)
        {
            if (v == Unbounded)
            {
                return Unbounded;
            }

            total += v;
        }

        return total;
    }
}

/// <summary>The whole numbers from <see cref="Low"/> to <see cref="High"/> (<see cref="DisclosureControl.Unbounded"/>: no end).</summary>
public readonly record struct ValueRange(long Low, long High)
{
    public long Width => High == DisclosureControl.Unbounded ? DisclosureControl.Unbounded : High - Low;

    public bool IsEmpty => Low > High;

    public ValueRange Intersect(ValueRange other) => new(Math.Max(Low, other.Low), Math.Min(High, other.High));

    public override string ToString() => $"[{Low}, {(High == DisclosureControl.Unbounded ? "∞" : High)}]";
}
