namespace Standing.Simulation;

/// <summary>
/// The working state while one seller's history is written: its profile, random stream, event writer,
/// subject counters and a few recent orders for post-sale conversations. Reused seller after seller.
/// </summary>
internal sealed class SellerContext
{
    /// <summary>The day shift starts at 08:30 chat-local time.</summary>
    public const long ShiftStart = (8 * LocalClock.Hour) + (30 * LocalClock.Minute);

    /// <summary>The evening shift takes over at 16:00.</summary>
    public const long ShiftHandOver = 16 * LocalClock.Hour;

    /// <summary>The evening shift ends at 23:30.</summary>
    public const long ShiftEnd = (23 * LocalClock.Hour) + (30 * LocalClock.Minute);

    private const int RecentCapacity = 16;

    // Agents by name; a seller with n agents has the first n. The first half works the day shift, the rest the evening.
    private static readonly string[] AgentIds =
    [
        "agent-anna", "agent-li-na", "agent-olena", "agent-wang-fang", "agent-pierre", "agent-zhang-wei", "agent-marta",
        "agent-chen-jie", "agent-iryna", "agent-liu-yang", "agent-sophie", "agent-zhao-lei", "agent-pavel", "agent-sun-mei",
        "agent-karol", "agent-huang-min",
    ];

    private readonly string[] _recentOrders = new string[RecentCapacity];
    private readonly string[] _recentBuyers = new string[RecentCapacity];
    private readonly long[] _recentPlaced = new long[RecentCapacity];
    private long[] _dayTimes = new long[64];
    private int _recentCount;
    private int _recentNext;

    private string _orderPrefix = "";
    private string _reviewPrefix = "";
    private string _casePrefix = "";
    private string _refundPrefix = "";
    private string _complaintPrefix = "";
    private string _conversationPrefix = "";
    private int _orders;
    private int _reviews;
    private int _cases;
    private int _refunds;
    private int _complaints;
    private int _conversations;
    private long _trendFrom;
    private double _trendFactor;

    public SellerContext(SimulationOptions options, long historyStart, long historyEnd)
    {
        Options = options;
        HistoryStart = historyStart;
        End = historyEnd;
        Clock = new LocalClock(options.LocalOffset);
        ChatClock = new LocalClock(options.ChatOffset);
        Writer = new EventWriter(options.Marketplace);
        Buyers = new BuyerPool(options.Sellers);
        Rng = new DeterministicRandom(0);
    }

    public SimulationOptions Options { get; }

    public long HistoryStart { get; }

    /// <summary>End of the history (exclusive), Unix seconds.</summary>
    public long End { get; }

    public LocalClock Clock { get; }

    /// <summary>The local time of conversations and the agents' shifts (<see cref="SimulationOptions.ChatOffset"/>).</summary>
    public LocalClock ChatClock { get; }

    public EventWriter Writer { get; }

    public BuyerPool Buyers { get; }

    public DeterministicRandom Rng { get; }

    public SellerProfile Profile { get; private set; } = null!;

    public SellerBehaviour B { get; private set; } = null!;

    /// <summary>Registration of the current seller, Unix seconds.</summary>
    public long Registered { get; private set; }

    public void Begin(SellerProfile profile)
    {
        Profile = profile;
        B = profile.Behaviour;
        Registered = profile.Registered.ToUnixTimeSeconds();
        Rng.Reseed(DeterministicRandom.Derive(Options.Seed, profile.Index, 2));
        Writer.Begin(profile.Seller, HistoryStart, End);
        var s = profile.Seller;
        _orderPrefix = "o-" + s + "-";
        _reviewPrefix = "r-" + s + "-";
        _casePrefix = "c-" + s + "-";
        _refundPrefix = "rf-" + s + "-";
        _complaintPrefix = "cp-" + s + "-";
        _conversationPrefix = "cv-" + s + "-";
        _orders = _reviews = _cases = _refunds = _complaints = _conversations = 0;
        _recentCount = _recentNext = 0;
        _trendFrom = profile.TrendFrom?.ToUnixTimeSeconds() ?? long.MaxValue;
        _trendFactor = profile.Trend switch
        {
            SellerTrend.Deteriorating => 2.5,
            SellerTrend.Improving => 0.3,
            _ => 1.0,
        };
    }

    /// <summary>A scratch buffer for one day's order times, at least <paramref name="count"/> long.</summary>
    public long[] DayTimes(int count)
    {
        if (count > _dayTimes.Length)
        {
            _dayTimes = new long[Math.Max(count, _dayTimes.Length * 2)];
        }
        return _dayTimes;
    }

    public string NextOrder() => Ids.Make(_orderPrefix, ++_orders);

    public string NextReview() => Ids.Make(_reviewPrefix, ++_reviews);

    public string NextCase() => Ids.Make(_casePrefix, ++_cases);

    public string NextRefund() => Ids.Make(_refundPrefix, ++_refunds);

    public string NextComplaint() => Ids.Make(_complaintPrefix, ++_complaints);

    public string NextConversation() => Ids.Make(_conversationPrefix, ++_conversations);

    /// <summary>
    /// The agent who answers at <paramref name="t"/>: one of the day shift before 16:00 chat-local time,
    /// of the evening shift after (a seller with one agent has it work both; night chats go to the day shift).
    /// </summary>
    public string Agent(long t)
    {
        var agents = Math.Min(Profile.Agents, AgentIds.Length);
        var day = (agents + 1) / 2;
        var evening = ChatClock.SecondOfDay(t) is >= ShiftHandOver and < ShiftEnd;
        return AgentIds[!evening || agents == 1 ? Rng.Next(day) : day + Rng.Next(agents - day)];
    }

    /// <summary>Whether an agent is on shift at <paramref name="t"/>: 08:30–23:30 chat-local, or always for a seller who staffs nights.</summary>
    public bool OnShift(long t) => Profile.NightShift || ChatClock.SecondOfDay(t) is >= ShiftStart and < ShiftEnd;

    /// <summary>The next start of the day shift (08:30 chat-local) at or after <paramref name="t"/>.</summary>
    public long NextShiftStart(long t)
    {
        var start = ChatClock.DayStart(t) + ShiftStart;
        return start >= t ? start : start + LocalClock.Day;
    }

    /// <summary>The last end of the evening shift (23:30 chat-local) at or before <paramref name="t"/>.</summary>
    public long LastShiftEnd(long t)
    {
        var end = ChatClock.DayStart(t) + ShiftEnd;
        return end <= t ? end : end - LocalClock.Day;
    }

    /// <summary>How the seller's problem rates are scaled at <paramref name="t"/> (its trend).</summary>
    public double Quality(long t) => t >= _trendFrom ? _trendFactor : 1.0;

    /// <summary>Draws a problem whose base rate is scaled by the quality factor (capped at 90%).</summary>
    public bool Problem(double rate, double quality) => Rng.NextDouble() < Math.Min(rate * quality, 0.9);

    /// <summary>Seconds uniformly between two durations given in hours.</summary>
    public long Hours(double low, double high) => (long)(Rng.Uniform(low, high) * LocalClock.Hour);

    /// <summary>Seconds uniformly between two durations given in minutes.</summary>
    public long Minutes(double low, double high) => (long)(Rng.Uniform(low, high) * LocalClock.Minute);

    /// <summary>Seconds uniformly between two durations given in days.</summary>
    public long DaysBetween(double low, double high) => (long)(Rng.Uniform(low, high) * LocalClock.Day);

    /// <summary>
    /// When the seller records a status change triggered at <paramref name="trigger"/> under MALL's
    /// "within 1 business day" SLA: on time (skewed early, before the same local time on the next
    /// business day) or late (1–48 h after that deadline).
    /// </summary>
    public long SellerAction(long trigger, bool late)
    {
        var deadline = Clock.NextBusinessDay(trigger);
        if (late)
        {
            return deadline + Hours(1, 48);
        }
        var u = Rng.NextDouble();
        return trigger + LocalClock.Minute + (long)(u * u * 0.95 * (deadline - trigger - LocalClock.Minute));
    }

    /// <summary>An order amount: log-normal around the seller's typical amount, in cents.</summary>
    public decimal Amount()
    {
        var cents = (long)Math.Round((double)Profile.AverageAmount * Math.Exp(0.6 * Rng.Normal()) * 100);
        return new decimal((int)Math.Clamp(cents, 100, 10_000_000), 0, 0, false, 2);
    }

    /// <summary>Stars of a review: 1–2 with the given probability, otherwise 3 (10%), 4 (25%) or 5.</summary>
    public int Stars(double negative)
    {
        if (Rng.Chance(negative))
        {
            return Rng.Chance(0.6) ? 1 : 2;
        }
        var u = Rng.NextDouble();
        return u < 0.10 ? 3 : u < 0.35 ? 4 : 5;
    }

    public void RememberOrder(string order, string buyer, long placed)
    {
        _recentOrders[_recentNext] = order;
        _recentBuyers[_recentNext] = buyer;
        _recentPlaced[_recentNext] = placed;
        _recentNext = (_recentNext + 1) % RecentCapacity;
        _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
    }

    /// <summary>A recent order placed before <paramref name="t"/>, for a post-sale conversation.</summary>
    public bool TryRecentOrder(long t, out string order, out string buyer)
    {
        if (_recentCount > 0)
        {
            var i = Rng.Next(_recentCount);
            if (_recentPlaced[i] < t)
            {
                order = _recentOrders[i];
                buyer = _recentBuyers[i];
                return true;
            }
        }
        order = buyer = "";
        return false;
    }
}
