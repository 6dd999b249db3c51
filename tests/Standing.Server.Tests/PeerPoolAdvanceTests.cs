using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Metrics;
using Standing.Data.Store;
using Standing.Policies;
using Standing.Server.Jobs;

namespace Standing.Server.Tests;

/// <summary>
/// Prom.ua judges each seller against every seller (the peer pool). After new events the pool is advanced from
/// the last one (the sellers with new events measured again, every one judged again); each seller's evaluation
/// must equal one read through a new access, which pools every seller afresh. Worked out from promua's
/// negative_review_rate_30d (reviews of 2 stars or fewer over reviews; among the worst when fewer than 5 % of the
/// ranked sellers are strictly worse; breach when also significantly above the catalog's rate, one-sided binomial
/// test at 1 %): 21 sellers p-00 … p-20, each with 24 reviews on 2026-03-10, p-NN with NN of 1 star. The catalog
/// rate is 210 / 504 = 0.417; fewer than 1.05 strictly worse: p-20 (20/24) and p-19 (19/24), both significantly
/// above it, breach; p-03 (3/24) good. Then p-03 gets 200 more 1-star reviews (203/224 = 0.906, the worst) and a
/// new seller p-21 24 good ones: 22 ranked, fewer than 1.1 strictly worse: p-03 and p-20, both still significant
/// against the catalog's 410 / 728 = 0.563 (p-20: P(X ≥ 20 | 24, 0.563) = 0.005), breach; p-19, which got no event,
/// is no longer among the worst and not significant (P(X ≥ 19) = 0.018): good.
/// </summary>
public sealed class PeerPoolAdvanceTests : IClassFixture<SqliteTarget>
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 4, 1, 0, 0);
    private readonly SqliteTarget _stores;

    public PeerPoolAdvanceTests(SqliteTarget stores) => _stores = stores;

    private static string Reviews(string seller, int from, int count, int oneStar)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var stars = i < oneStar ? 1 : 5;
            var at = Instant.FromUtc(2026, 3, 10, 0, 0) + Duration.FromMinutes(from + i);
            lines.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{seller}}-r{{from + i}}","type":"review.posted","at":"{{at}}","seller":"{{seller}}","review":"{{seller}}-rv{{from + i}}","stars":{{stars}}}""").Append('\n');
        }
        return lines.ToString();
    }

    [Fact]
    public async Task A_pool_advanced_after_new_events_judges_every_seller_as_a_fresh_pool_does()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf) });
        var integration = server.Client("integration");
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(FirstBatch())).Json();
        var access = new StoreAccess(server.Target);
        var promua = BuiltInPacks.Shared("promua");
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-20")).Status);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-19")).Status);
        Assert.Equal(MetricStatus.Good, Rate(Seller(access, promua, "p-03")).Status);

        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(SecondBatch())).Json();
        AssertJudgedAsAFreshPool(server.Target, access, promua);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-03")).Status);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-20")).Status);
        Assert.Equal(MetricStatus.Good, Rate(Seller(access, promua, "p-19")).Status);
    }

    /// <summary>
    /// On a live store events keep coming while a first pool is computed (minutes at 100,000 sellers): a pool whose
    /// sellers were read while a batch was appended is kept all the same, so a page finds one to advance from, and the
    /// next read, at the later position, judges every seller as a fresh pool does (the same sellers and batches as above).
    /// </summary>
    [Fact]
    public async Task A_pool_computed_while_events_are_appended_is_kept_and_advanced_to_what_a_fresh_pool_gives()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(AsOf) });
        var integration = server.Client("integration");
        await integration.PostAsync("/v1/events", ServerHarness.Ndjson(FirstBatch())).Json();
        var access = new StoreAccess(server.Target);
        var promua = BuiltInPacks.Shared("promua");
        var evaluator = CompiledPolicies.Evaluator(promua);

        using (var events = access.Events())
        {
            // The second batch arrives through the API once the pool has read the log's position, before it reads a seller.
            var appending = AppendingOnFirstRead.Around(events, () =>
                integration.PostAsync("/v1/events", ServerHarness.Ndjson(SecondBatch())).Json().GetAwaiter().GetResult());
            access.PeerPool(appending, evaluator, AsOf);
        }

        Assert.True(access.PeerPoolReady(evaluator, AsOf)); // kept: a page advances it rather than waiting for a new one
        AssertJudgedAsAFreshPool(server.Target, access, promua);
        Assert.Equal(MetricStatus.Breach, Rate(Seller(access, promua, "p-03")).Status);
        Assert.Equal(MetricStatus.Good, Rate(Seller(access, promua, "p-19")).Status);
    }

    /// <summary>A real store that runs an action once, at the first call other than reading the log's position.</summary>
    public class AppendingOnFirstRead : DispatchProxy
    {
        private IEventStore _inner = null!;
        private Action? _onFirstRead;

        public static IEventStore Around(IEventStore inner, Action onFirstRead)
        {
            var proxy = Create<IEventStore, AppendingOnFirstRead>();
            var self = (AppendingOnFirstRead)(object)proxy;
            self._inner = inner;
            self._onFirstRead = onFirstRead;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name is not (nameof(IEventStore.LogPosition) or nameof(IDisposable.Dispose)) && _onFirstRead is { } action)
            {
                _onFirstRead = null;
                action();
            }
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }

    /// <summary>The 21 sellers p-00 … p-20, each with 24 reviews of which NN are of 1 star.</summary>
    private static string FirstBatch()
    {
        var first = new StringBuilder();
        for (var n = 0; n <= 20; n++) first.Append(Reviews($"p-{n:00}", 0, 24, n));
        return first.ToString();
    }

    /// <summary>p-03's 200 more 1-star reviews and the new seller p-21's 24 good ones.</summary>
    private static string SecondBatch() => Reviews("p-03", 24, 200, 200) + Reviews("p-21", 0, 24, 0);

    /// <summary>Every seller p-00 … p-21 judged through <paramref name="access"/> as through a new access, which pools afresh.</summary>
    private static void AssertJudgedAsAFreshPool(string target, StoreAccess access, Standing.Core.Policies.Policy policy)
    {
        var fresh = new StoreAccess(target);
        for (var n = 0; n <= 21; n++)
            Assert.Equal(Text(Seller(fresh, policy, $"p-{n:00}")), Text(Seller(access, policy, $"p-{n:00}")));
    }

    private static SellerEvaluation Seller(StoreAccess access, Standing.Core.Policies.Policy policy, string seller) =>
        Evaluations.Seller(access, policy, AsOf, seller, explain: false)!.Value.Evaluation.Sellers[0];

    private static MetricResult Rate(SellerEvaluation seller) => seller.Metric("negative_review_rate_30d")!;

    /// <summary>Each metric's value, status and peer judgment (percentile, p-value, catalog rate), to compare two.</summary>
    private static string Text(SellerEvaluation seller) =>
        string.Join("; ", seller.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Id} {m.Value:R} {m.Status} {m.Numerator}/{m.Denominator} {m.Percentile:R} {m.PValue:R} {m.PeerRate:R}")));
}
