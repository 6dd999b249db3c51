using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Core.Policies;

namespace Standing.Server.Jobs;

/// <summary>
/// The staff's list of sellers under one policy: filtered by status, by a metric's range and by a
/// piece of the seller id, sorted, one page at a time. The sellers page and <c>GET /v1/sellers</c> both read it.
/// </summary>
public static class SellerListing
{
    public const string BySeller = "seller", ByStatus = "status", ByValue = "value";

    /// <summary>
    /// What to show. <paramref name="Statuses"/> empty: every status. <paramref name="Min"/> and
    /// <paramref name="Max"/> bound <paramref name="Metric"/>'s value in its unit (a ratio for rates: 0.01 = 1 %),
    /// both inclusive. <paramref name="Search"/>: a part of the seller id, any case.
    /// </summary>
    public sealed record Query(IReadOnlyList<MetricStatus> Statuses, string? Metric, double? Min, double? Max, string? Search, string Sort, bool Descending)
    {
        public static readonly Query Everyone = new([], null, null, null, null, ByStatus, false);
    }

    public sealed record Row(SellerEvaluation Seller, MetricStatus Status, MetricResult? Metric);

    /// <summary>The query's mistakes, each with its field, or none; <paramref name="policy"/> names the metrics a range may be on.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(Query query, Policy policy)
    {
        var errors = new List<(string, string)>();
        if (query.Sort is not (BySeller or ByStatus or ByValue))
            errors.Add(("sort", $"sort \"{query.Sort}\" is not seller, status or value"));
        if (query.Metric is { } m && policy.Metrics.All(x => x.Id != m))
            errors.Add(("metric", $"metric \"{m}\" is not in policy {policy.Id}; its metrics: {string.Join(", ", policy.Metrics.Select(x => x.Id))}"));
        if ((query.Min is not null || query.Max is not null || query.Sort == ByValue) && query.Metric is null)
            errors.Add(("metric", "a range or sort=value needs the metric it is on"));
        if (query.Min is { } min && query.Max is { } max && min > max)
            errors.Add(("min", $"min {min.ToString(CultureInfo.InvariantCulture)} is above max {max.ToString(CultureInfo.InvariantCulture)}"));
        return errors;
    }

    /// <summary>At most this many queries' selections are kept per evaluation (a list of sellers each).</summary>
    private const int KeptQueries = 16;

    /// <summary>
    /// The selections made of each evaluation, by query: the evaluations are kept and never changed
    /// (<see cref="KeptResults"/>), so a page asked again (the next page of a list, a reload) does not filter and
    /// sort every seller again. Dropped with their evaluation.
    /// </summary>
    private static readonly ConditionalWeakTable<PolicyEvaluation, ConcurrentDictionary<string, IReadOnlyList<Row>>> Selected = new();

    /// <summary>Every seller the query selects, in its order (a checked query).</summary>
    public static IReadOnlyList<Row> Select(PolicyEvaluation evaluation, Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kept = Selected.GetOrCreateValue(evaluation);
        var key = string.Join("\u0001", string.Join(",", query.Statuses), query.Metric, query.Min?.ToString("R", CultureInfo.InvariantCulture),
            query.Max?.ToString("R", CultureInfo.InvariantCulture), query.Search, query.Sort, query.Descending);
        if (kept.TryGetValue(key, out var selected)) return selected;
        selected = Selecting(evaluation, query);
        if (kept.Count < KeptQueries) kept.TryAdd(key, selected);
        return selected;
    }

    private static IReadOnlyList<Row> Selecting(PolicyEvaluation evaluation, Query query)
    {
        var rows = evaluation.Sellers
            .Where(s => query.Search is not { Length: > 0 } q || s.Seller.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Select(s => new Row(s, SellerStatus.Worst(s), query.Metric is { } m ? s.Metric(m) : null))
            .Where(r => query.Statuses.Count == 0 || query.Statuses.Contains(r.Status))
            .Where(r => query.Min is null && query.Max is null
                || r.Metric?.Value is { } v && (query.Min is not { } min || v >= min) && (query.Max is not { } max || v <= max))
            .ToList();
        var direction = query.Metric is { } id ? evaluation.Policy.Metrics.First(x => x.Id == id).Standard?.Direction ?? Direction.LowerIsBetter : Direction.LowerIsBetter;
        // The sort key first (reversed when descending), then the seller id, always ascending: a reversed list still reads in a stable order.
        Comparison<Row> key = query.Sort switch
        {
            BySeller => (a, b) => string.CompareOrdinal(a.Seller.Seller, b.Seller.Seller),
            ByValue => (a, b) => SellerStatus.CompareWorseFirst(a.Metric?.Value, b.Metric?.Value, direction),
            _ => (a, b) => SellerStatus.Rank(a.Status).CompareTo(SellerStatus.Rank(b.Status)),
        };
        var sign = query.Descending ? -1 : 1;
        rows.Sort((a, b) => key(a, b) is var c and not 0 ? sign * c : string.CompareOrdinal(a.Seller.Seller, b.Seller.Seller));
        return rows;
    }
}
