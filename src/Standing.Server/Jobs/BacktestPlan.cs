using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Policies;
using Standing.Enforcement.Backtests;
using Standing.Policies;
using Standing.Policies.Loading;
using Standing.Server.Documents;

namespace Standing.Server.Jobs;

/// <summary>
/// What a backtest asked of the server is checked to be before anything starts: the candidate (a
/// built-in id or a posted YAML policy) and the baseline load and are the same standard, the range is
/// a range of days and the store holds events in it. The same checks and words as <c>standing backtest</c>.
/// </summary>
public sealed record BacktestPlan(Policy Baseline, Policy Candidate, string BaselineSource, string CandidateSource, IReadOnlyList<LocalDate> Days)
{
    /// <summary>The longest range the server replays (two years); the command line takes any.</summary>
    public const int MaxDays = 731;

    /// <summary>The largest posted policy, in characters.</summary>
    public const int MaxYaml = 256 * 1024;

    /// <summary>The request as the API and the page take it: <c>policy</c> (a built-in id) or <c>policy_yaml</c>, <c>baseline</c> (a built-in id) or <c>guard_compare</c>.</summary>
    public sealed record Request(string? Policy, string? PolicyYaml, string? Baseline, string? From, string? To, bool? GuardCompare);

    /// <summary>One located error of a posted policy.</summary>
    public sealed record PolicyErrorDocument(long Line, long Column, string Message);

    public static bool TryMake(Request request, StoreAccess access, out BacktestPlan plan, out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(access);
        plan = null!;
        var guardCompare = request.GuardCompare ?? false;
        var yaml = string.IsNullOrWhiteSpace(request.PolicyYaml) ? null : request.PolicyYaml;
        if ((request.Policy is null) == (yaml is null))
        {
            problem = Problems.BadField(request.Policy is null ? "policy" : "policy_yaml",
                "give the candidate rule set as policy (a built-in id) or as policy_yaml (a policy's YAML), one of them (nothing was started)");
            return false;
        }
        if (guardCompare && request.Baseline is not null)
        {
            problem = Problems.BadField("guard_compare", "give baseline or guard_compare, not both: guard_compare compares the policy with itself without its guards (nothing was started)");
            return false;
        }
        if (!guardCompare && string.IsNullOrEmpty(request.Baseline))
        {
            problem = Problems.BadField("baseline", $"baseline is required: the built-in policy the candidate is compared with ({string.Join(", ", BuiltInPacks.Ids)}), or guard_compare (nothing was started)");
            return false;
        }
        if (!TryDays(request.From, request.To, out var days, out problem)) return false;

        Policy candidate;
        string candidateSource;
        if (yaml is not null)
        {
            if (yaml.Length > MaxYaml)
            {
                problem = Problems.BadField("policy_yaml", $"policy_yaml is longer than {MaxYaml} characters (nothing was started)");
                return false;
            }
            try
            {
                candidate = PolicyLoader.Load(yaml, "policy_yaml");
            }
            catch (PolicyLoadException e)
            {
                problem = Problems.Unprocessable($"policy_yaml: the candidate policy does not load: {e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}, " +
                    $"the first at line {e.Errors[0].Line}, column {e.Errors[0].Column}: {e.Errors[0].Message} (nothing was started)",
                    e.Errors.Select(x => (object)new PolicyErrorDocument(x.Line, x.Column, x.Message)));
                return false;
            }
            candidateSource = "policy_yaml";
        }
        else
        {
            if (!Inputs.TryPolicy(request.Policy, out var builtIn, out problem)) return false;
            candidate = builtIn;
            candidateSource = request.Policy!;
        }

        Policy baseline;
        string baselineSource;
        if (guardCompare)
        {
            if (!Unguarded.HasGuards(candidate))
            {
                problem = Problems.Make(422, "invalid content", $"guard_compare: {candidateSource} has no guard on any metric (add guard: {{ method: wilson }} to a standard, docs/policies.md; nothing was started)",
                    new() { ["field"] = "guard_compare" });
                return false;
            }
            baseline = Unguarded.Of(candidate);
            baselineSource = candidateSource + " without guards";
        }
        else
        {
            if (!BuiltInPacks.Ids.Contains(request.Baseline!, StringComparer.Ordinal))
            {
                problem = Problems.BadField("baseline", $"baseline \"{Inputs.Shown(request.Baseline!)}\" is not a built-in policy ({string.Join(", ", BuiltInPacks.Ids)}) (nothing was started)");
                return false;
            }
            baseline = BuiltInPacks.Load(request.Baseline!);
            baselineSource = request.Baseline!;
        }
        if (baseline.Id != candidate.Id)
        {
            problem = Problems.Make(422, "invalid content", $"baseline {baselineSource} is the standard {baseline.Id}, the candidate {candidateSource} is {candidate.Id}: " +
                "a backtest compares two rule sets of one standard (nothing was started)", new() { ["field"] = "baseline" });
            return false;
        }

        plan = new BacktestPlan(baseline, candidate, baselineSource, candidateSource, days);
        if (plan.NoEvents(access) is { } none)
        {
            problem = Problems.Make(422, "invalid content", none + " (nothing was started)", new() { ["field"] = "from" });
            plan = null!;
            return false;
        }
        return true;
    }

    /// <summary>The instants whose events the range's days can see: from the first as-of to the end of the last day, in either rule set's zone.</summary>
    public (Instant Start, Instant End) Span()
    {
        var first = Days[0];
        var last = Days[^1];
        var start = Instant.Min(Baseline.Zone.AtStartOfDay(first).ToInstant(), Candidate.Zone.AtStartOfDay(first).ToInstant());
        var end = Instant.Max(Baseline.Zone.AtStartOfDay(last).ToInstant(), Candidate.Zone.AtStartOfDay(last).ToInstant()) + Duration.FromDays(1);
        return (start, end);
    }

    /// <summary>Why there is nothing to replay (no event in the range, by the seller projection), or null.</summary>
    public string? NoEvents(StoreAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var (start, end) = Span();
        using var store = access.Events();
        var rows = store.Sellers();
        if (rows.Any(r => r.FirstAt < end && r.LastAt >= start)) return null;
        return NoEventsText(rows.Count == 0 ? null : (rows.Min(r => r.FirstAt), rows.Max(r => r.LastAt)));
    }

    /// <summary>The words for a range without events; <paramref name="held"/> is the span the store's events cover, if any.</summary>
    public string NoEventsText((Instant First, Instant Last)? held) =>
        held is not { } h
            ? $"the store holds no events: nothing to replay from {Date(Days[0])} to {Date(Days[^1])}"
            : $"the store holds no event from {Date(Days[0])} to {Date(Days[^1])}: its events span {Data.Enforcement.EnforcementJson.Instant(h.First)} to {Data.Enforcement.EnforcementJson.Instant(h.Last)}";

    /// <summary>A new backtest of this plan, ready to replay.</summary>
    public Backtest Start() => new(Baseline, Candidate, Days);

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static bool TryDays(string? from, string? to, out IReadOnlyList<LocalDate> days, out ProblemHttpResult? problem)
    {
        days = [];
        problem = null;
        foreach (var (field, text) in (ReadOnlySpan<(string, string?)>)[("from", from), ("to", to)])
        {
            if (string.IsNullOrEmpty(text))
            {
                problem = Problems.BadField(field, $"{field} is required: a date like 2026-03-01 (nothing was started)");
                return false;
            }
            if (!LocalDatePattern.Iso.Parse(text).Success)
            {
                problem = Problems.BadField(field, $"{field} \"{Inputs.Shown(text)}\" is not a date: {field} takes a date like 2026-03-01 (a day that exists in the calendar; nothing was started)");
                return false;
            }
        }
        var f = LocalDatePattern.Iso.Parse(from!).Value;
        var t = LocalDatePattern.Iso.Parse(to!).Value;
        if (t < f)
        {
            problem = Problems.BadField("to", $"to {to} is before from {from} (nothing was started)");
            return false;
        }
        var count = Period.Between(f, t, PeriodUnits.Days).Days + 1;
        if (count > MaxDays)
        {
            problem = Problems.BadField("to", $"from {from} to {to} is {count} days; the server replays at most {MaxDays} (run standing backtest for longer ranges; nothing was started)");
            return false;
        }
        var list = new List<LocalDate>(count);
        for (var d = f; d <= t; d = d.PlusDays(1)) list.Add(d);
        days = list;
        return true;
    }
}
