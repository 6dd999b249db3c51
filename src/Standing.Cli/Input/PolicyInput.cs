using Standing.Core.Policies;
using Standing.Policies;
using Standing.Policies.Loading;

namespace Standing.Cli.Input;

/// <summary>Loads <c>--policy</c> (a built-in id or a file) and reports every error on stderr.</summary>
internal static class PolicyInput
{
    /// <summary>
    /// The policy and the <c>--as-of</c> instant read in its zone (a date means midnight there), as the
    /// evaluating commands take them; every error on stderr.
    /// </summary>
    public static bool TryLoadAt(string idOrPath, string asOfText, TextWriter stderr, out Policy policy, out NodaTime.Instant asOf)
    {
        asOf = default;
        if (!TryLoad(idOrPath, stderr, out policy)) return false;
        if (!AsOfParser.TryParse(asOfText, policy.Zone, out asOf, out var error))
        {
            stderr.WriteLine(error);
            return false;
        }
        // Told, not refused: history before a pack's date is still worth measuring by its rules.
        var date = asOf.InZone(policy.Zone).Date;
        if (date < policy.EffectiveFrom)
        {
            var isDefault = policy.Defaults.Any(d => d.Setting == "effective_from");
            stderr.WriteLine($"note: policy {policy.Id} takes effect on {policy.EffectiveFrom:uuuu-MM-dd}{(isDefault ? " (a default: the source gives no date)" : "")}; " +
                $"as of {date:uuuu-MM-dd} its rules are applied as written");
        }
        return true;
    }

    public static bool TryLoad(string idOrPath, TextWriter stderr, out Policy policy)
    {
        try
        {
            if (!BuiltInPacks.Ids.Contains(idOrPath, StringComparer.Ordinal) && !File.Exists(idOrPath))
            {
                stderr.WriteLine($"--policy \"{idOrPath}\" is neither a built-in policy ({string.Join(", ", BuiltInPacks.Ids)}) nor an existing file");
                policy = null!;
                return false;
            }
            policy = BuiltInPacks.Resolve(idOrPath);
            return true;
        }
        catch (PolicyLoadException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine(error.ToString());
            stderr.WriteLine($"policy not loaded: {e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}");
            policy = null!;
            return false;
        }
    }
}
