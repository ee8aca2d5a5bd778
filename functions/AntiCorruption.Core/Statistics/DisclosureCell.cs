namespace AntiCorruption.Core.Statistics;

/// <summary>Why a published count is not shown.</summary>
public enum Suppression
{
    /// <summary>The count is under the threshold (0 to 4): shown as "&lt;5".</summary>
    Small,

    /// <summary>The count is 5 or more, withheld so that a small count beside it cannot be worked out from a total.</summary>
    Complementary,

    /// <summary>The count is withheld with the rest of its list: it may be anything, small or not.</summary>
    Withheld,
}

/// <summary>
/// One published count and the lists of counts that add up to it: the country's complaints are
/// split once by region, once by category, once by status and once by month; a region's
/// complaints are split by its provinces. Every list is checked to add up when it is attached,
/// so the tables a reader can add up are exactly the ones described here.
/// </summary>
public sealed class DisclosureCell
{
    private readonly List<IReadOnlyList<DisclosureCell>> _partitions = [];

    /// <param name="key">Names the cell in its table, e.g. <c>province:TH-80</c>.</param>
    /// <param name="value">The true count.</param>
    /// <param name="known">
    /// The value follows from other published facts (a region that held no workshop had no
    /// attendee), so hiding it would protect nothing: it is always shown.
    /// </param>
    public DisclosureCell(string key, long value, bool known = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Key = key;
        Value = value;
        Known = known;
    }

    public string Key { get; }

    public long Value { get; }

    public bool Known { get; internal set; }

    /// <summary>Null when the count is shown.</summary>
    public Suppression? Suppressed { get; internal set; }

    /// <summary>The count as published: null when suppressed.</summary>
    public long? Shown => Suppressed is null ? Value : null;

    /// <summary>The cell this one is a part of, if any.</summary>
    public DisclosureCell? Parent { get; private set; }

    /// <summary>The list this cell belongs to (itself included); empty for a cell that is no part.</summary>
    public IReadOnlyList<DisclosureCell> Siblings { get; private set; } = [];

    /// <summary>Each list of cells that adds up to this one.</summary>
    public IReadOnlyList<IReadOnlyList<DisclosureCell>> Partitions => _partitions;

    /// <summary>Attaches one list of parts that adds up to this cell; a cell is part of one list only.</summary>
    public DisclosureCell Split(IEnumerable<DisclosureCell> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToArray();
        if (list.Sum(p => p.Value) != Value)
        {
            throw new ArgumentException($"The parts of {Key} add up to {list.Sum(p => p.Value)}, not {Value}.", nameof(parts));
        }

        if (list.FirstOrDefault(p => p.Parent is not null || ReferenceEquals(p, this)) is { } taken)
        {
            throw new ArgumentException($"{taken.Key} is already a part of {taken.Parent?.Key ?? Key}.", nameof(parts));
        }

        foreach (var part in list)
        {
            part.Parent = this;
            part.Siblings = list;
        }

        _partitions.Add(list);
        return this;
    }

    public override string ToString() => $"{Key}={Value}{(Suppressed is { } s ? " (" + s + ")" : "")}";
}
