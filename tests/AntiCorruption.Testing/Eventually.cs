namespace AntiCorruption.Testing;

/// <summary>Polls until a condition holds, for effects of background work (queue triggers).</summary>
public static class Eventually
{
    /// <summary>
    /// The least time waited before failing: the timeout a test gives is what the work takes on a
    /// quiet machine, and a shared two-core runner can lag well behind it. Waiting longer costs a
    /// passing test nothing, since it returns as soon as the condition holds.
    /// </summary>
    private static readonly TimeSpan Floor = TimeSpan.FromSeconds(60);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var limit = timeout < Floor ? Floor : timeout;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
