using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;

namespace Standing.Server.Documents;

/// <summary>
/// The <c>state</c> filter of the case and dispute lists: a state no case (or dispute) can be in is a
/// mistake named at its field, as the sellers list's <c>status</c> is, never an empty list that looks
/// like an answer.
/// </summary>
public static class StateFilter
{
    /// <summary>Every state a case can be in (the constants of <see cref="CaseStates"/>).</summary>
    public static readonly IReadOnlyList<string> OfCases = typeof(CaseStates).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static readonly IReadOnlyList<string> OfDisputes = [Dispute.Open, Dispute.Accepted, Dispute.Rejected];

    public static bool IsBad(string? state, IReadOnlyList<string> states, string of, [NotNullWhen(true)] out ProblemHttpResult? problem) =>
        ListFilter.IsBad("state", state, states, $"one a {of} can be in", out problem);
}
