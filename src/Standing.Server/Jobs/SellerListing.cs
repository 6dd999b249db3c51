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

    /// <summary>At most this many queries' selections are kept per evaluation or lines (a list of sellers each).</summary>
    private const int KeptQueries = 16;

    /// <summary>
    /// The selections made of each evaluation or lines, by query, as the positions of the sellers selected: they are kept
    /// and never changed (<see cref="KeptResults"/>), so a page asked again (the next page of a list, a reload) does not
    /// filter and sort every seller again. Dropped with what they select from.
    /// </summary>
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, int[]>> Selected = new();

    /// <summary>Every seller the query selects, in its order (a checked query).</summary>
    public static IReadOnlyList<Row> Select(PolicyEvaluation evaluation, Query query)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(query);
        var sellers = evaluation.Sellers;
        var at = Kept(evaluation, query, () => Order(evaluation.Policy, query, sellers.Count, i => sellers[i].Seller, i => SellerStatus.Worst(sellers[i]),
            i => query.Metric is { } m ? sellers[i].Metric(m)?.Value : null));
        return at.Select(i => new Row(sellers[i], SellerStatus.Worst(sellers[i]), query.Metric is { } m ? sellers[i].Metric(m) : null)).ToList();
    }

    /// <summary>
    /// The positions in <paramref name="lines"/> of every seller the query selects, in its order (a checked query); a
    /// page makes the rows it shows of them (<see cref="RowOf"/>).
    /// </summary>
    public static IReadOnlyList<int> Select(SellerLines lines, Query query)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(query);
        return Kept(lines, query, () => Order(lines.Policy, query, lines.Count, lines.Seller, lines.Status,
            i => query.Metric is { } m ? lines.ValueOf(i, m).Value : null));
    }

    /// <summary>The row of the seller at <paramref name="i"/> in <paramref name="lines"/>, as the list shows it.</summary>
    public static Row RowOf(SellerLines lines, int i, Query query)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(query);
        return new Row(lines.Shown(i), lines.Status(i), query.Metric is { } m ? lines.Metric(i, m) : null);
    }

    private static int[] Kept(object of, Query query, Func<int[]> order)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kept = Selected.GetOrCreateValue(of);
        var key = string.Join("\u0001", string.Join(",", query.Statuses), query.Metric, query.Min?.ToString("R", CultureInfo.InvariantCulture),
            query.Max?.ToString("R", CultureInfo.InvariantCulture), query.Search, query.Sort, query.Descending);
        if (kept.TryGetValue(key, out var selected)) return selected;
        selected = order();
        if (kept.Count < KeptQueries) kept.TryAdd(key, selected);
        return selected;
    }

    /// <summary>
    /// The positions of the <paramref name="count"/> sellers the query selects, in its order: each seller read through
    /// its id, its worst status and its value of the query's metric.
    /// </summary>
    private static int[] Order(Policy policy, Query query, int count, Func<int, string> seller, Func<int, MetricStatus> status, Func<int, double?> value)
    {
        var rows = new List<(int At, string Seller, MetricStatus Status, double? Value)>();
        for (var i = 0; i < count; i++)
        {
            var id = seller(i);
            if (query.Search is { Length: > 0 } q && !id.Contains(q, StringComparison.OrdinalIgnoreCase)) continue;
            var st = status(i);
            if (query.Statuses.Count > 0 && !query.Statuses.Contains(st)) continue;
            var v = value(i);
            if ((query.Min is not null || query.Max is not null)
                && !(v is { } x && (query.Min is not { } min || x >= min) && (query.Max is not { } max || x <= max))) continue;
            rows.Add((i, id, st, v));
        }
        var direction = query.Metric is { } metric ? policy.Metrics.First(x => x.Id == metric).Standard?.Direction ?? Direction.LowerIsBetter : Direction.LowerIsBetter;
        // The sort key first (reversed when descending), then the seller id, always ascending: a reversed list still reads in a stable order.
        Comparison<(int At, string Seller, MetricStatus Status, double? Value)> key = query.Sort switch
        {
            BySeller => (a, b) => string.CompareOrdinal(a.Seller, b.Seller),
            ByValue => (a, b) => SellerStatus.CompareWorseFirst(a.Value, b.Value, direction),
            _ => (a, b) => SellerStatus.Rank(a.Status).CompareTo(SellerStatus.Rank(b.Status)),
        };
        var sign = query.Descending ? -1 : 1;
        rows.Sort((a, b) => key(a, b) is var c and not 0 ? sign * c : string.CompareOrdinal(a.Seller, b.Seller));
        return [.. rows.Select(r => r.At)];
    }
}
