using System.Globalization;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Enforcement.Backtests;
using Standing.Enforcement.Disputes;
using Standing.Policies;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// A backtest measures each seller once when its two rule sets measure alike (only standards, rules and
/// enforcement differ), and each rule set judges that one measurement: the evaluations must be those each
/// rule set makes by measuring for itself. Rule sets that count differently (another window, another filter,
/// another zone) are measured twice.
/// </summary>
public sealed class MeasuredOnceTests
{
    private static readonly Instant[] AsOfs =
        [Instant.FromUtc(2026, 4, 9, 0, 0), Instant.FromUtc(2026, 4, 11, 0, 0), Instant.FromUtc(2026, 4, 20, 0, 0), Instant.FromUtc(2026, 5, 15, 0, 0)];

    /// <summary>Shops with late and timely shipments, deliveries, low reviews, a case, refunds and a chat: something for most packs' metrics to count.</summary>
    private static IReadOnlyList<SellerFacts> FactsAt(Instant asOf)
    {
        var events = new List<StandingEvent>();
        foreach (var (shop, orders, bad) in new[] { ("shop-a", 60, 5), ("shop-b", 140, 2), ("shop-c", 8, 1) })
        {
            var s = new EventScript(shop);
            for (var i = 1; i <= orders; i++)
            {
                var placed = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddHours(9 * i);
                string T(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                var order = $"{shop}-o{i}";
                s.Placed(order, T(placed), deliverBy: T(placed.AddDays(5)), shipBy: T(placed.AddDays(2)));
                var late = i % 7 == 0;
                s.Shipped(order, T(placed.AddDays(late ? 3 : 1)));
                s.Delivered(order, T(placed.AddDays(late ? 6 : 3)));
                if (i <= bad) s.Review(order, 1, T(placed.AddDays(8)));
                if (i == bad + 1) s.Case(order, T(placed.AddDays(9)));
                if (i % 11 == 0) s.RefundRequested($"{shop}-r{i}", order, "not_as_described", T(placed.AddDays(4)));
                if (i % 13 == 0)
                {
                    s.Ask($"{shop}-c{i}", "buyer-" + i, T(placed.AddHours(1)));
                    s.Answer($"{shop}-c{i}", "agent-1", T(placed.AddHours(i % 2 == 0 ? 2 : 30)));
                }
            }
            events.AddRange(s.Events);
        }
        return new IncrementalFold(events).AdvanceTo(asOf);
    }

    /// <summary>
    /// Every fixed standard's threshold and target eight times as lenient: the same counts, judged otherwise. A mean
    /// duration keeps its standard (it is measured once only under the very same one).
    /// </summary>
    private static Policy Moved(Policy policy) => policy with
    {
        Version = policy.Version + "-moved",
        Metrics = policy.Metrics.Select(m => m.Standard is { Peer: null } s && m.Kind != MetricKind.MeanDuration
            ? m with { Standard = s.Direction == Direction.LowerIsBetter ? s with { Threshold = s.Threshold * 8, Target = s.Target * 8 } : s with { Threshold = s.Threshold / 8, Target = s.Target / 8 } }
            : m).ToList(),
    };

    /// <summary>A pack read again from its own text: equal in every part, no part the same object but the fact fields.</summary>
    private static Policy Reloaded(string id) => PolicyLoader.Load(BuiltInPacks.Yaml(id), id + "-copy.yaml");

    private static string Render(Policy policy, SellerEvaluation e) => string.Join("\n",
        e.Metrics.Select(m => string.Join(" ", m.Id, m.Value?.ToString("R", CultureInfo.InvariantCulture), m.Numerator, m.Denominator, m.Pending, m.Status,
                m.Window, m.WindowFirstDay, m.WindowChoice, m.Guard, m.Percentile, ReferenceEquals(m.Definition, policy.Metrics.Single(d => d.Id == m.Id))))
            .Concat(e.Outcomes.Select(o => $"{o.Id} {o.Outcome} {o.Triggered} {o.Tier} {o.Reason}"))
            .Prepend(e.Seller));

    private static string Render(PolicyEvaluation evaluation) => string.Join("\n\n", evaluation.Sellers.Select(s => Render(evaluation.Policy, s)));

    public static TheoryData<string> Packs() => [.. BuiltInPacks.Ids.Where(id => !new PolicyEvaluator(BuiltInPacks.Load(id)).ComparesSellers)];

    [Theory]
    [MemberData(nameof(Packs))]
    public void One_measurement_judged_by_each_rule_set_gives_each_rule_sets_own_evaluation(string pack)
    {
        var baseline = BuiltInPacks.Load(pack);
        // A pack counting business time is measured once only with the very same calendar: its copy is made from it.
        var onBusinessTime = baseline.Metrics.Any(m => m.BusinessClock || m.Limit?.BusinessDays is not null);
        var candidate = Moved(onBusinessTime ? baseline : Reloaded(pack));
        var one = new PolicyEvaluator(baseline);
        var other = new PolicyEvaluator(candidate);
        Assert.True(one.MeasuresAlike(other));
        Assert.True(other.MeasuresAlike(one));
        foreach (var asOf in AsOfs)
        {
            var facts = FactsAt(asOf);
            var (mine, theirs) = one.EvaluateAlike(other, facts, asOf);
            var separately = (Baseline: new PolicyEvaluator(baseline).Evaluate(facts, asOf), Candidate: new PolicyEvaluator(candidate).Evaluate(facts, asOf));
            Assert.Equal(Render(separately.Baseline), Render(mine));
            Assert.Equal(Render(separately.Candidate), Render(theirs));
            Assert.Same(candidate, theirs.Policy);
        }
    }

    /// <summary>
    /// The one measurement is judged by each standard: shop-b's 140 orders (placed 9 hours apart from 2026-03-01,
    /// all within the 90 days before 2026-05-15) hold 3 defective ones (two one-star reviews, one case), an ODR of
    /// 3/140 ≈ 2.1 %: a breach of Congocrea's 1 %, not of a limit of 8 %.
    /// </summary>
    [Fact]
    public void Each_rule_set_judges_the_one_measurement_by_its_own_standard()
    {
        var asOf = AsOfs[^1];
        var (mine, theirs) = new PolicyEvaluator(BuiltInPacks.Load("congocrea")).EvaluateAlike(new PolicyEvaluator(Moved(Reloaded("congocrea"))), FactsAt(asOf), asOf);
        var baseline = mine.Sellers.Single(s => s.Seller == "shop-b").Metric("odr")!;
        var candidate = theirs.Sellers.Single(s => s.Seller == "shop-b").Metric("odr")!;
        Assert.Equal((3L, 140L), (baseline.Numerator, baseline.Denominator));
        Assert.Equal((3L, 140L), (candidate.Numerator, candidate.Denominator));
        Assert.Equal(MetricStatus.Breach, baseline.Status);
        Assert.NotEqual(MetricStatus.Breach, candidate.Status);
        Assert.Equal(0.08, candidate.Definition.Standard!.Threshold, 12);
    }

    [Fact]
    public void Rule_sets_that_count_otherwise_are_not_measured_alike()
    {
        var congocrea = BuiltInPacks.Load("congocrea");
        Policy WithOdr(Func<MetricDefinition, MetricDefinition> change) =>
            congocrea with { Metrics = congocrea.Metrics.Select(m => m.Id == "odr" ? change(m) : m).ToList() };
        var evaluator = new PolicyEvaluator(congocrea);

        Assert.True(evaluator.MeasuresAlike(new PolicyEvaluator(Reloaded("congocrea"))));
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(WithOdr(m => m with { Window = new RollingWindow(91) }))));
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(WithOdr(m => m with { Numerator = Filter.Everything }))));
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(WithOdr(m => m with { Population = m.Numerator! }))));
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(WithOdr(m => m with { Id = "odr2" }))));
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(congocrea with { Metrics = congocrea.Metrics.Take(2).ToList() })));
        var paris = Reloaded("congocrea");
        paris = paris with { Calendar = new Core.Calendars.BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/Paris"], paris.Calendar.Hours, paris.Calendar.Holidays) };
        Assert.False(evaluator.MeasuresAlike(new PolicyEvaluator(paris)));
        Assert.Throws<ArgumentException>(() => evaluator.EvaluateAlike(new PolicyEvaluator(paris), FactsAt(AsOfs[0]), AsOfs[0]));

        // Business days counted on two calendars (not compared, so not taken as the same); a mean duration under another standard.
        Assert.False(new PolicyEvaluator(BuiltInPacks.Load("mall")).MeasuresAlike(new PolicyEvaluator(Reloaded("mall"))));
        var kuaishou = BuiltInPacks.Load("kuaishou");
        var slower = kuaishou with
        {
            Metrics = kuaishou.Metrics.Select(m => m.Kind == MetricKind.MeanDuration && m.Standard is { } s ? m with { Standard = s with { Threshold = s.Threshold * 2 } } : m).ToList(),
        };
        Assert.True(new PolicyEvaluator(kuaishou).MeasuresAlike(new PolicyEvaluator(Reloaded("kuaishou"))));
        Assert.False(new PolicyEvaluator(kuaishou).MeasuresAlike(new PolicyEvaluator(slower)));
    }

    /// <summary>
    /// BacktestTests' shops and days (its hand-worked counts) replayed against two candidates: the 0.8 % copy,
    /// which measures as Congocrea does, and the same copy whose 60-day count looks back 61 days, which does not.
    /// Every order of both shops is placed from 2026-03-01, so on each replayed day (as of 2026-04-09 to 2026-04-12)
    /// both windows hold every order: the two candidates count the same, one measured once with the baseline and
    /// the other twice.
    /// </summary>
    [Fact]
    public void A_backtest_measured_once_replays_as_one_measured_twice()
    {
        var congocrea = BuiltInPacks.Load("congocrea");
        var tight = PolicyLoader.Load(
            BuiltInPacks.Yaml("congocrea")
                .Replace("version: \"1\"", "version: \"1-tight\"", StringComparison.Ordinal)
                .Replace("threshold: 0.01", "threshold: 0.008", StringComparison.Ordinal)
                .Replace("{ metric: odr, op: ge, value: 0.01 }", "{ metric: odr, op: ge, value: 0.008 }", StringComparison.Ordinal),
            "congocrea-tight.yaml");
        var tightWider = tight with { Metrics = tight.Metrics.Select(m => m.Id == "defective_orders_60d" ? m with { Window = new RollingWindow(61) } : m).ToList() };
        LocalDate[] days = [new(2026, 4, 9), new(2026, 4, 10), new(2026, 4, 11), new(2026, 4, 12)];

        Backtest Replayed(Policy candidate)
        {
            var a = new EventScript("shop-a").PlacedMany("a", 200, "2026-03-01T00:00:00Z");
            a.Review("a-1", 1, "2026-04-10T10:00:00Z").Review("a-2", 1, "2026-04-10T11:00:00Z").Review("a-3", 1, "2026-04-10T12:00:00Z");
            var b = new EventScript("shop-b").PlacedMany("b", 350, "2026-03-01T00:00:00Z");
            b.Review("b-1", 1, "2026-04-10T10:00:00Z").Review("b-2", 1, "2026-04-10T11:00:00Z").Review("b-3", 1, "2026-04-10T12:00:00Z");
            var backtest = new Backtest(congocrea, candidate, days);
            backtest.Replay(new IncrementalFold([.. a.Events, .. b.Events]).AdvanceTo, new Dictionary<string, List<Dispute>>());
            return backtest;
        }
        static string Counts(BacktestSide side) => string.Join(" / ", side.Days.Select(d =>
            $"{d.Sellers}: {string.Join(",", d.Statuses)} taken {string.Join(",", d.Taken)} under {string.Join(",", d.Under)}"));
        static string Changes(Backtest b) => string.Join("\n", b.Changes.Select(c => $"{c.Seller} {c.Day} {c.Baseline} {c.Candidate} {c.DaysDiffering} {c.Reason}"));

        var once = Replayed(tight);
        var twice = Replayed(tightWider);

        Assert.True(once.MeasuresOnce);
        Assert.False(twice.MeasuresOnce);
        Assert.Equal(Counts(twice.Baseline), Counts(once.Baseline));
        Assert.Equal(Counts(twice.Candidate), Counts(once.Candidate));
        Assert.Equal(Changes(twice), Changes(once));
        // BacktestTests' worked result: shop-b warned from 2026-04-11 under the 0.8 % limit only.
        var change = Assert.Single(once.Changes);
        Assert.Equal(("shop-b", new LocalDate(2026, 4, 11), "none", "warning"), (change.Seller, change.Day, change.Baseline, change.Candidate));
        Assert.Equal([0, 0, 2, 0], once.Candidate.Days.Select(d => d.Taken.GetValueOrDefault("warning")).ToArray());
    }
}
