using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Standing.Core.Policies;
using Standing.Enforcement.Cases;
using Standing.Policies;

namespace Standing.Server.Documents;

/// <summary>
/// A list's filter given a value no item can have is a mistake named at its parameter with the values it
/// takes, never an empty list that looks like an answer (<see cref="StateFilter"/> is the state's).
/// </summary>
public static class ListFilter
{
    public static bool IsBad(string field, string? value, IReadOnlyCollection<string> allowed, string what, [NotNullWhen(true)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (value is null || allowed.Contains(value, StringComparer.Ordinal)) return false;
        problem = Problems.BadField(field, $"{field} \"{Inputs.Shown(value)}\" is not {what} ({string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
        return true;
    }

    /// <summary>
    /// The policies a case or run can be of: the built-in ones, and those the store has runs of (a policy
    /// file's, run from the command line).
    /// </summary>
    public static IReadOnlyCollection<string> Policies(IEnumerable<string> run) => BuiltInPacks.Ids.Union(run, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every kind a case of a built-in policy can have: the C# machines' (<see cref="CaseKinds"/>), each
    /// enforcement section's case kinds and reports, and Kuaishou's outcome-named ones.
    /// </summary>
    public static IReadOnlySet<string> BuiltInCaseKinds { get; } = BuiltInPacks.Ids.Select(BuiltInPacks.Shared).SelectMany(KindsOf)
        .Concat(typeof(CaseKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        .Where(kind => kind is not CaseKinds.Violation and not CaseKinds.AttitudePenalty) // families, not kinds
        .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> KindsOf(Policy policy) =>
        (policy.Enforcement?.Cases.Select(c => c.Kind) ?? [])
        .Concat(policy.Enforcement?.Reports.Select(r => r.Id) ?? [])
        .Concat(policy.Rules.SelectMany(r => r.Tiers.Select(t => t.Outcome).Append(r.Outcome)).Where(o => CaseKinds.Family(o) != o));
}
