namespace AntiCorruption.Testing;

/// <summary>Polls until a condition holds, for effects of background work (queue triggers).</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
