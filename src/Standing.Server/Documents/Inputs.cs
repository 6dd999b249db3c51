using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Standing.Cli.Input;
using Standing.Core.Policies;
using Standing.Policies;

namespace Standing.Server.Documents;

/// <summary>The query parameters several endpoints share, read as the CLI reads its flags.</summary>
public static class Inputs
{
    /// <summary>A built-in policy by id (the server never reads policy files: a path is just an unknown id).</summary>
    public static bool TryPolicy(string? id, [NotNullWhen(true)] out Policy? policy, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        policy = null;
        problem = null;
        if (string.IsNullOrEmpty(id))
        {
            problem = Problems.BadField("policy", $"policy is required: a built-in policy id ({string.Join(", ", BuiltInPacks.Ids)})");
            return false;
        }
        if (!BuiltInPacks.Ids.Contains(id, StringComparer.Ordinal))
        {
            problem = Problems.BadField("policy", $"policy \"{Shown(id)}\" is not a built-in policy ({string.Join(", ", BuiltInPacks.Ids)})");
            return false;
        }
        policy = BuiltInPacks.Shared(id);
        return true;
    }

    /// <summary>
    /// <c>asOf</c>: an RFC 3339 instant with offset or a date (midnight in the policy's zone). Without it,
    /// the answer is as of the data (<see cref="StoreAccess.DataTime"/>), never the wall clock, as the
    /// command line dates people's actions; a store with no event and no run asks for it.
    /// </summary>
    public static bool TryAsOf(string? text, Policy policy, StoreAccess access, string field, out Instant asOf, [NotNullWhen(false)] out ProblemHttpResult? problem) =>
        TryAsOf(text, policy, () => access.DataTime(policy.Id), field, out asOf, out problem);

    /// <summary>As above, with where the data ends already read (<see cref="SellerRead.DataTime"/>).</summary>
    public static bool TryAsOf(string? text, Policy policy, SellerRead? read, string field, out Instant asOf, [NotNullWhen(false)] out ProblemHttpResult? problem) =>
        TryAsOf(text, policy, () => read?.DataTime, field, out asOf, out problem);

    private static bool TryAsOf(string? text, Policy policy, Func<Instant?> dataTime, string field, out Instant asOf, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (text is null)
        {
            if (dataTime() is { } end)
            {
                asOf = end;
                return true;
            }
            asOf = default;
            problem = Problems.BadField(field, $"the store holds no event and no run of {policy.Id} yet, so there is no time to answer as of: give {field}");
            return false;
        }
        if (AsOfParser.TryParse(text, policy.Zone, out asOf, out var error, field)) return true;
        problem = Problems.BadField(field, error);
        return false;
    }

    public static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
