namespace Standing.Core.Metrics;

/// <summary>Exact one-sided binomial tail probabilities, summed in log space so large samples do not underflow.</summary>
public static class BinomialTest
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p): how likely a count this high is if the true rate were p.</summary>
    public static double UpperTail(long k, long n, double p)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        // Sum the probability mass from k to n; each term follows from the previous by a ratio.
        var logTerm = LogPmf(k, n, p);
        var ratio = Math.Log(p) - Math.Log(1 - p);
        double sum = 0;
        for (var j = k; j <= n; j++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < sum * 1e-17 && j > n * p) break; // past the mode the terms only shrink
            logTerm += Math.Log(n - j) - Math.Log(j + 1) + ratio;
        }
        return Math.Min(1, sum);
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double LowerTail(long k, long n, double p) => UpperTail(n - k, n, 1 - p);

    /// <summary>log P(X = k).</summary>
    public static double LogPmf(long k, long n, double p)
    {
        // log C(n, k) as a sum over the smaller side: exact enough and needs no log-gamma.
        var m = Math.Min(k, n - k);
        double logChoose = 0;
        for (long i = 1; i <= m; i++) logChoose += Math.Log(n - m + i) - Math.Log(i);
        return logChoose + k * Math.Log(p) + (n - k) * Math.Log(1 - p);
    }
}
