namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Douyin (docs/standards/douyin.md) through <c>standing evaluate --format json</c>, worked by hand. Scenario
/// douyin.ndjson (Asia/Shanghai), seller d-a. As of 2026-04-16T00:00+08:00 the assessment judges
/// 2026-04-01 to 2026-04-15 ("the 16th judges the 1st–15th").
/// </summary>
public sealed class DouyinAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("douyin.ndjson", "douyin", "2026-04-16T00:00:00+08:00"));

    // "consultations transferred to a human whose first human reply came within 2 min of the transfer /
    // consultations transferred (per session) ≥ 85%". Transfers 04-10 10:00: s0–s7 answered after 1 min,
    // s-exact after exactly 2 min (within), s-late after 2 min 1 s; s-bot: bot answered 10:55, transfer at
    // 11:00, agent 11:01 → within (measured from the transfer); s-unanswered transferred 04-15 23:50, no
    // reply by as-of → late; s-pending transferred 23:59, 1 min old → pending; s-prev (03-31) is the
    // previous half month. 10/12 = 83.3% < 85% → the shop fails → activity restriction.
    [Fact]
    public void First_reply_within_two_minutes_of_the_transfer_per_session()
    {
        Run.Value.AssertRate("d-a", "first_reply_2min_rate", 10, 12, 10.0 / 12, "breach");
        Assert.True(Run.Value.Triggered("d-a", "activity_restriction"));
        var window = Run.Value.Metric("d-a", "first_reply_2min_rate").GetProperty("window");
        Assert.Equal(DateTimeOffset.Parse("2026-04-01T00:00:00+08:00"), DateTimeOffset.Parse(window.GetProperty("start").GetString()!));
        Assert.Equal(DateTimeOffset.Parse("2026-04-16T00:00:00+08:00"), DateTimeOffset.Parse(window.GetProperty("end").GetString()!));
    }

    // "3-minute average reply rate ... (Reading: share of buyer messages in human sessions answered within
    // 3 min)". Buyer messages for a human in the half month: the 10 transfer messages above (answered within
    // 2 min 1 s), s-bot's transfer message (1 min), the 10 rated sessions' messages (30 s) = 21 within;
    // s-unanswered's message — a session transferred to a human, left unanswered for 10 minutes — is not
    // answered within 3 min; s-pending's is 1 min old (pending); s-bot's 10:55 message was for the bot.
    // 21/22 = 95.5%.
    [Fact]
    public void Average_reply_counts_a_transferred_buyer_left_unanswered_as_late()
    {
        Run.Value.AssertRate("d-a", "avg_reply_3min_rate", 21, 22, 21.0 / 22, "good");
    }

    // "(5-star + 4-star) / rated sessions ≥ 80%": r0–r3 5 stars (r0 first rated 1 star, then 5: the rating
    // in force), r4–r7 4 stars, r8 3 stars, r9 2 stars: 8/10 = 80%, exactly the standard → passes.
    [Fact]
    public void Satisfaction_of_exactly_80_percent_passes_with_the_latest_rating()
    {
        Run.Value.AssertRate("d-a", "satisfaction_rate", 8, 10, 0.8, "good");
    }

    // As of 2026-04-10 (between assessment days) the last complete half month is 2026-03-16 to 03-31 ("the
    // 1st judges the 16th–end of the previous month"): only s-prev is there → fewer than 10 sessions.
    [Fact]
    public void Between_assessment_days_the_last_complete_half_month_is_judged()
    {
        var run = AcceptanceRun.Evaluate("douyin.ndjson", "douyin", "2026-04-10T00:00:00+08:00");
        var m = run.Metric("d-a", "first_reply_2min_rate");
        Assert.Equal(1, m.GetProperty("denominator").GetInt64());
        Assert.Equal("insufficient_data", m.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-16T00:00:00+08:00"), DateTimeOffset.Parse(m.GetProperty("window").GetProperty("start").GetString()!));
        Assert.False(run.Triggered("d-a", "activity_restriction"));
    }
}
