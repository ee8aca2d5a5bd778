namespace AntiCorruption.Core.Audit;

/// <summary>
/// How many refused calls one instance writes to the trail: at most <paramref name="perMinute"/>
/// in any minute from the first (0: no bound); the rest are counted, and the count goes into the
/// next record written, so the trail still says how many there were.
/// </summary>
public sealed class RefusalBudget(TimeProvider time, int perMinute)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _window = DateTimeOffset.MinValue;
    private int _recorded;
    private int _unrecorded;

    /// <summary>True when this refusal is to be recorded, with how many went unrecorded before it.</summary>
    public bool TryTake(out int unrecordedBefore)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _window >= TimeSpan.FromMinutes(1))
            {
                (_window, _recorded) = (now, 0);
            }

            if (perMinute > 0 && _recorded >= perMinute)
            {
                _unrecorded++;
                unrecordedBefore = 0;
                return false;
            }

            _recorded++;
            (unrecordedBefore, _unrecorded) = (_unrecorded, 0);
            return true;
        }
    }
}
