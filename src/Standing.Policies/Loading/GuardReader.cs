using Standing.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace Standing.Policies.Loading;

/// <summary>
/// Reads a standard's <c>guard</c>: <c>{ method: wilson, confidence: 0.95 }</c> or <c>{ method: beta_binomial }</c>
/// (docs/policies.md). Absent: no guard, the threshold judges the raw value as the standard says.
/// </summary>
internal sealed class GuardReader(YamlCursor cursor)
{
    public StatisticalGuard? Read(YamlNode? node, string what)
    {
        if (node is null) return null;
        var of = $"the guard of {what}";
        if (cursor.Mapping(node, of) is not { } map) return null;
        cursor.OnlyKeys(map, of, "method", "confidence");
        var methodText = cursor.Text(map, "method", true, of);
        GuardMethod? method = methodText switch
        {
            "wilson" => GuardMethod.Wilson,
            "beta_binomial" => GuardMethod.BetaBinomial,
            _ => null,
        };
        if (methodText is not null && method is null)
            cursor.Error(YamlCursor.Get(map, "method")!, $"the method of {of} must be wilson or beta_binomial, not \"{methodText}\"");
        var confidence = cursor.Number(map, "confidence", false, of);
        if (confidence is { } c)
        {
            if (method == GuardMethod.BetaBinomial)
            {
                cursor.Error(YamlCursor.Get(map, "confidence")!, $"\"confidence\" does not go with beta_binomial in {of}: it judges the posterior mean, not an interval");
                return null;
            }
            if (c is <= 0.5 or >= 1)
            {
                cursor.Error(YamlCursor.Get(map, "confidence")!, $"the confidence of {of} must be above 0.5 and below 1 (e.g. 0.95), not {c}");
                return null;
            }
        }
        return method is { } m ? new StatisticalGuard(m, confidence ?? StatisticalGuard.DefaultConfidence) : null;
    }
}
