using NodaTime;

namespace Standing.Simulation;

/// <summary>
/// What the synthetic marketplace looks like. Every default is documented; nothing reads the clock:
/// the history is <see cref="Days"/> days ending at <see cref="End"/> (exclusive).
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>The seed: the same options give the same events, in the same order, every run.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of sellers (<c>shop-0001</c> …). Default 300.</summary>
    public int Sellers { get; init; } = 300;

    /// <summary>History length in days. Default 180.</summary>
    public int Days { get; init; } = 180;

    /// <summary>The history ends here (exclusive): every event is strictly before it.</summary>
    public required Instant End { get; init; }

    /// <summary>
    /// Mean orders per seller per day. Each seller's own rate is this mean times a log-normal size
    /// factor of mean 1 (see <see cref="SellerSizeSpread"/>), so some sellers are tiny and some big.
    /// Default 1.5.
    /// </summary>
    public double OrdersPerSellerPerDay { get; init; } = 1.5;

    /// <summary>
    /// Benchmark mode: only <c>order.placed</c>, <c>review.posted</c> (about 30% of orders) and
    /// <c>case.opened</c> (about 1–2% of orders, see <see cref="OrdersOnlyExtraCaseRate"/>).
    /// </summary>
    public bool OrdersOnly { get; init; }

    /// <summary>Share of good sellers (comfortably inside every standard). Default 0.70.</summary>
    public double GoodShare { get; init; } = 0.70;

    /// <summary>Share of borderline sellers (around the thresholds). Default 0.20. Failing = the rest (0.10).</summary>
    public double BorderlineShare { get; init; } = 0.20;

    /// <summary>
    /// Share of sellers who register during the history (uniformly between 10% and 80% of it) rather
    /// than at its start. Default 0.10; set 0 for an exact order volume in benchmarks.
    /// </summary>
    public double NewSellerShare { get; init; } = 0.10;

    /// <summary>σ of the log-normal seller size factor (0 = every seller the same size). Default 1.0.</summary>
    public double SellerSizeSpread { get; init; } = 1.0;

    /// <summary>
    /// Share of borderline sellers who deteriorate (problem rates ×2.5 from 30–90 days before the end)
    /// and of failing sellers who submit an improvement plan and then improve (problem rates ×0.3).
    /// Default 0.30.
    /// </summary>
    public double ChangingShare { get; init; } = 0.30;

    /// <summary>Buyer conversations per order (full mode), pre-sale and post-sale. Default 0.4.</summary>
    public double ConversationsPerOrder { get; init; } = 0.4;

    /// <summary>
    /// Case rate added to each seller's own in <see cref="OrdersOnly"/> mode, where cases also stand
    /// for the refunds and complaints the mode leaves out. Default 0.01 (about 1.5% of orders in all).
    /// </summary>
    public double OrdersOnlyExtraCaseRate { get; init; } = 0.01;

    /// <summary>
    /// The marketplace's local time as a fixed UTC offset: buyer activity by hour, ship-by/deliver-by
    /// at local end of day, business days Monday–Friday. Default +01:00 (DST is not simulated).
    /// </summary>
    public Offset LocalOffset { get; init; } = Offset.FromHours(1);

    /// <summary>
    /// The local time of buyer conversations as a fixed UTC offset: when buyers consult, and the agents'
    /// shifts — day 08:30–16:00 and evening 16:00–23:30, extended while a buyer is still consulting;
    /// a buyer who asks outside them waits for the next shift unless the seller staffs nights. Default
    /// +08:00 (China Standard Time, which has no DST): the packs that read chats — Kuaishou, Douyin,
    /// Pinduoduo and Tmall — are Chinese and read them in Asia/Shanghai.
    /// </summary>
    public Offset ChatOffset { get; init; } = Offset.FromHours(8);

    /// <summary>Currency of every order amount. Default EUR.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Marketplace (tenant) id put on every event; none by default.</summary>
    public string? Marketplace { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Sellers is >= 1 and <= 10_000_000, nameof(Sellers), "must be between 1 and 10,000,000");
        Require(Days is >= 1 and <= 20_000, nameof(Days), "must be between 1 and 20,000");
        Require(OrdersPerSellerPerDay is >= 0 and <= 100_000, nameof(OrdersPerSellerPerDay), "must be between 0 and 100,000");
        Require(IsShare(GoodShare), nameof(GoodShare), "must be between 0 and 1");
        Require(IsShare(BorderlineShare), nameof(BorderlineShare), "must be between 0 and 1");
        Require(GoodShare + BorderlineShare <= 1.0 + 1e-9, nameof(BorderlineShare), "good + borderline must not exceed 1");
        Require(IsShare(NewSellerShare), nameof(NewSellerShare), "must be between 0 and 1");
        Require(SellerSizeSpread is >= 0 and <= 3, nameof(SellerSizeSpread), "must be between 0 and 3");
        Require(IsShare(ChangingShare), nameof(ChangingShare), "must be between 0 and 1");
        Require(ConversationsPerOrder is >= 0 and <= 100, nameof(ConversationsPerOrder), "must be between 0 and 100");
        Require(IsShare(OrdersOnlyExtraCaseRate), nameof(OrdersOnlyExtraCaseRate), "must be between 0 and 1");
        Require(!string.IsNullOrWhiteSpace(Currency), nameof(Currency), "must not be empty");
    }

    private static bool IsShare(double value) => value is >= 0 and <= 1;

    private static void Require(bool ok, string name, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"{name} {message}.", name);
        }
    }
}
