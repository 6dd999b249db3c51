namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Pinduoduo (docs/standards/pinduoduo.md) through <c>standing evaluate --format json</c>, worked by hand. Scenario
/// pinduoduo.ndjson (Asia/Shanghai), as of 2026-04-11T00:00+08:00: the day judged is 2026-04-10
/// ("Default reply rate ≥ 90% per day, 3-minute window").
/// </summary>
public sealed class PinduoduoAcceptanceTests
{
    private static readonly Lazy<AcceptanceRun> Run = new(() => AcceptanceRun.Evaluate("pinduoduo.ndjson", "pinduoduo", "2026-04-11T00:00:00+08:00"));

    // "Reply rate (Reading: answered consultations / consultations)". pd-a on 04-10: q0–q7 answered by an
    // agent after 2 min, q-bot answered by the bot after 10 s, q-late answered after 3 min 1 s; q0's buyer
    // writes again at 15:00 (the same consultation that day); q-prev (04-09) and q-next (04-11 00:00) are
    // other days. 9/10 = 90% ≥ 90% → no breach. pd-b: 8 of 10 within 1 min, 2 after 10 min: 80% → breach.
    [Fact]
    public void Reply_rate_per_day_at_and_below_ninety_percent()
    {
        Run.Value.AssertRate("pd-a", "reply_rate", 9, 10, 0.9, "good");
        Assert.False(Run.Value.Triggered("pd-a", "reply_rate_breach"));
        Run.Value.AssertRate("pd-b", "reply_rate", 8, 10, 0.8, "breach");
        Assert.True(Run.Value.Triggered("pd-b", "reply_rate_breach"));
    }

    // "no third-party information without platform permission — payment QR codes, Alipay accounts ...
    // Reading: a chat-content check flags agent messages". pd-a's agent wrote "Please pay via QR code below"
    // → one payment-QR message → conduct violation; the bot's "Pay by Alipay account" is not an agent's.
    // pd-b's agents only greet: no violation.
    [Fact]
    public void Conduct_check_flags_agent_messages_not_bot_messages()
    {
        Assert.Equal(1, Run.Value.Value("pd-a", "conduct_payment_qr"));
        Assert.Equal(0, Run.Value.Value("pd-a", "conduct_alipay_account"));
        Assert.True(Run.Value.Triggered("pd-a", "conduct_violation"));
        Assert.False(Run.Value.Triggered("pd-b", "conduct_violation"));
    }
}
