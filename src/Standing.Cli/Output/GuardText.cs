using System.Globalization;
using Standing.Core.Metrics;

namespace Standing.Cli.Output;

/// <summary>A statistical guard's reading in words, beside the raw value: the interval or the posterior, and whether it changed the verdict.</summary>
internal static class GuardText
{
    public static string? Of(MetricResult m)
    {
        if (m.Guard is not { } g) return null;
        var reading = g.Guard.Method == GuardMethod.Wilson
            ? $"Wilson {Percent(g.Guard.Confidence)} interval [{Formats.Share(g.Low)}, {Formats.Share(g.High)}], judged on {Formats.Share(g.JudgedValue)}"
            : $"beta-binomial posterior {Formats.Share(g.JudgedValue)} (prior α {g.PriorAlpha?.ToString("0.###", CultureInfo.InvariantCulture)}, β {g.PriorBeta?.ToString("0.###", CultureInfo.InvariantCulture)}, fitted on every seller)";
        return m.GuardChangedVerdict
            ? $"guard: {reading}; the guard changed the verdict: {g.RawStatus.Wire()} → {m.Status.Wire()}"
            : $"guard: {reading}; verdict unchanged";
    }

    /// <summary>The status word, marked when the guard changed it.</summary>
    public static string Status(MetricResult m) =>
        m.GuardChangedVerdict ? $"{Formats.StatusWord(m.Status)} (guarded; raw {m.Guard!.RawStatus.Wire().Replace('_', ' ')})" : Formats.StatusWord(m.Status);

    private static string Percent(double confidence) => (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
