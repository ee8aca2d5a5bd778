namespace AntiCorruption.Testing;

/// <summary>
/// The wall clock moved on by <see cref="Offset"/>: for a running host that must keep real time
/// (Azurite judges queue visibility by it) and yet be asked about a later hour.
/// </summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
