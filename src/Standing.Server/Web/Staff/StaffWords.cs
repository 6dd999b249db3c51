using Standing.Enforcement.Cases;

namespace Standing.Server.Web.Staff;

/// <summary>
/// A case's kind or state, a dispute's state or an audit action as the (English) staff pages write it for a person:
/// "awaiting_answer" is "Awaiting answer". The id stays in the page's <c>data-state</c> / <c>data-kind</c>
/// attributes, where tests and scripts select on it; any id a policy of one's own adds reads the same way.
/// </summary>
public static class StaffWords
{
    /// <summary>Ids whose words are not just the id spelled out.</summary>
    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        [CaseKinds.Letter] = "Improvement letter",
        [CaseKinds.CatalogExclusion] = "Catalog exclusion",
        [CaseStates.AwaitingFine] = "Awaiting the fine decision",
        [CaseStates.AwaitingDecision] = "Awaiting a decision",
        [CaseStates.AwaitingAnswer] = "Awaiting an answer",
        [CaseStates.Proposed] = "Proposed: awaiting a decision",
    };

    public static string Of(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "–";
        if (Special.TryGetValue(id, out var words)) return words;
        var spaced = id.Replace('_', ' ');
        return char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }
}
