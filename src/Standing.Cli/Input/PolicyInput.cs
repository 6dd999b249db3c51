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
        if (AsOfParser.TryParse(asOfText, policy.Zone, out asOf, out var error)) return true;
        stderr.WriteLine(error);
        return false;
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
