namespace AntiCorruption.Core.Hotspots;

/// <summary>Upper tails: how likely so many complaints are by chance.</summary>
public static class PoissonTest
{
    /// <summary>P(X ≥ k) for X ~ Poisson(λ), summed in log space so large counts stay exact enough.</summary>
    public static double UpperTail(long k, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        if (k == 0)
        {
            return 1;
        }

        // P(X >= k) = sum_{i >= k} e^-λ λ^i / i!, summed from k until the terms vanish.
        var logTerm = -lambda + (k * Math.Log(lambda)) - LogFactorial(k);
        double sum = 0;
        for (var i = k; i < k + 10_000; i++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < sum * 1e-15)
            {
                break;
            }

            logTerm += Math.Log(lambda) - Math.Log(i + 1);
        }

        return Math.Min(1, sum);
    }

    /// <summary>
    /// P(X ≥ k) for X ~ Binomial(n, p). Given n complaints over 120 days, a steady rate puts each
    /// in the last 30 days with p = 1/4: this is the exact test for a rise of one Poisson rate over
    /// another when the baseline rate is itself only estimated.
    /// </summary>
    public static double BinomialUpperTail(long k, long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0)
        {
            return 1;
        }

        if (k > n)
        {
            return 0;
        }

        double sum = 0;
        for (var i = k; i <= n; i++)
        {
            sum += Math.Exp(LogFactorial(n) - LogFactorial(i) - LogFactorial(n - i) + (i * Math.Log(p)) + ((n - i) * Math.Log(1 - p)));
        }

        return Math.Min(1, sum);
    }

    private static double LogFactorial(long n)
    {
        double sum = 0;
        for (var i = 2L; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
