using System.Diagnostics;

namespace AntiCorruption.Bench;

/// <summary>What a closed-loop load run saw: each client sends its next request when the last one is answered.</summary>
internal sealed record LoadResult(int Concurrency, long Requests, long Failures, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
}

internal static class Load
{
    /// <summary>
    /// Runs <paramref name="concurrency"/> clients for a warm-up (not counted) and then for
    /// <paramref name="duration"/>. A request returns false when its answer was not the expected one.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<Task<bool>> request, TimeSpan? warmUp = null)
    {
        await RunForAsync(concurrency, warmUp ?? TimeSpan.FromSeconds(1), request);
        return await RunForAsync(concurrency, duration, request);
    }

    private static async Task<LoadResult> RunForAsync(int concurrency, TimeSpan duration, Func<Task<bool>> request)
    {
        var latencies = new List<double>[concurrency];
        long failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
        {
            var mine = latencies[client] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request();
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(concurrency, all.Length, failures, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 0.5);
}
