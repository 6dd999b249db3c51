using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Congocrea's enforcement (STANDARDS.md §1; seed 000, the French original) driven through the documented commands on
/// congocrea-letter.ndjson: <c>standing ingest</c> into a fresh SQLite store, <c>standing run --from --to</c> day by
/// day (the pack counts in UTC), <c>standing cases list/show --format json</c>, <c>standing cases open</c> and
/// <c>standing cases decide</c> for the person. Every expected date, state and figure below is worked out by hand
/// from the text, not read off a run.
/// </summary>
/// <remarks>
/// The rules, from the text:
/// <list type="bullet">
/// <item>"Tous les magasins doivent maintenir un taux d’insatisfaction des commandes inférieur à 1%": ODR = orders
/// with a review of two stars or fewer or a case / orders, rolling 90 days by order date; 1% itself is a breach.</item>
/// <item>The automatic warning only when all three hold: "un taux … de 1% ou plus", "au moins trois commandes avec un
/// cas ou un avis faible depuis la première vente", "deux commandes ou plus … passées dans une période d’évaluation
/// de 60 jours"; it carries "un résumé complet des performances" (the notice: ODR, every metric, the defective
/// orders, the guidance, the re-evaluation date). At most one per 90-day evaluation period.</item>
/// <item>"Si le taux … augmente ou diminue considérablement avant la fin d’une période d’évaluation de 90 jours,
/// Congocrea peut réévaluer les performances plus tôt" (Default: a move of 0.5 points or more; a fall may resolve the
/// warning, never escalate it; a rise escalates only after the 30 days to act and with new defective orders).</item>
/// <item>"Si un magasin continue de dépasser le taux … nous pouvons enquêter et prendre des mesures, y compris la
/// révocation permanente des privilèges d’achat et de vente dans tout compte qu’ils détiennent": Standing proposes,
/// a person confirms or dismisses; it never suspends on its own. "Un modèle de problèmes de service client" and
/// shops that "n’ont jamais fourni un service client efficace" are a person's call (<c>cases open</c>).</item>
/// </list>
/// The shops (orders placed at 10:00 UTC on the days named):
/// <list type="bullet">
/// <item>c-fall: 100 orders 03-10, 3 defective → as of 04-01 ODR 3/100 = 3%, lifetime 3, 60 days 3 → warned 04-01,
/// re-evaluation due 04-01 + 90 days = 06-30. 100 clean orders 05-01 → 05-02: 3/200 = 1.5%, a fall of 1.5 points
/// still in breach → the period continues. 06-09: the March orders leave the window [03-11, 06-09) → 0/100 = 0% →
/// resolved. 100 orders 06-10, 3 with a case 06-11 → from 06-12 the three conditions hold again (1.5%, 6, 3) but
/// the warning of 04-01 is within the 90 days; on 06-30 it is not (04-01 = 06-30 − 90 days) → warned again 06-30.</item>
/// <item>c-rise: as c-fall to 05-02 (1.5%, 3 defective); a case on 05-05 on a May order → 05-06: 4/200 = 2%, a
/// rise of 0.5 points, 35 days after the warning (≥ 30), with a new defective order → escalated 05-06 and a
/// suspension proposed; a person confirms it 05-07 (the shop is told) and reinstates it 06-20.</item>
/// <item>c-end: 300 orders 03-10 with 3 cases → exactly 1% → warned 04-01. 300 orders 04-20 with 3 cases the same
/// day → 6/600 = 1%, no move; 06-09: 3/300 = 1%, no move. 06-30, the period's end: ODR over [04-01, 06-30) =
/// 3/300 = 1%, still not under 1% → escalated, suspension proposed.</item>
/// <item>c-guard: ODR 2% and 3 defective orders since the first sale, but only 1 placed in the 60 days → never warned
/// automatically; a person warns it 05-07 for a pattern of problems (due 05-07 + 90 days = 08-05).</item>
/// <item>c-two: ODR 2/100 = 2% but only 2 defective orders since the first sale → never warned.</item>
/// </list>
/// </remarks>
public sealed class CongocreaLetterAcceptanceTests : IClassFixture<CongocreaLetterAcceptanceTests.Timeline>
{
    private readonly Timeline _t;

    public CongocreaLetterAcceptanceTests(Timeline timeline) => _t = timeline;

    private static DateTimeOffset Utc(string local) => DateTimeOffset.Parse(local + "Z", CultureInfo.InvariantCulture);

    // Exactly the three shops meeting all three conditions are warned on 04-01, each due for re-evaluation 90 days later.
    [Fact]
    public void Only_shops_meeting_all_three_conditions_are_warned_automatically()
    {
        var warned = _t.AfterMay6.Where(c => c.Kind == "warning").ToList();
        Assert.Equal(new[] { "c-end", "c-fall", "c-rise" }, warned.Select(c => c.Seller).Order(StringComparer.Ordinal));
        Assert.All(warned, c =>
        {
            Assert.Equal(Utc("2026-04-01T00:00:00"), c.OpenedAt);
        });
        Assert.Equal(Utc("2026-06-30T00:00:00"), warned.Single(c => c.Seller == "c-end").DueAt);
        Assert.Equal(0.01, warned.Single(c => c.Seller == "c-end").Odr!.Value, 9);
        Assert.DoesNotContain(_t.AfterJune30, c => c.Seller == "c-two");
        // c-guard's only case is the person's warning of 05-07 (below): none before it, none from a rule after it.
        Assert.DoesNotContain(_t.AfterMay6, c => c.Seller == "c-guard");
        Assert.Single(_t.AfterJune30, c => c.Seller == "c-guard");
    }

    // The warning carries the complete summary: the ODR against the standard, the defective orders and why, the
    // guidance and the re-evaluation date (c-fall: 3/100 = 3%, 3 orders, 2026-06-30).
    [Fact]
    public void The_warning_carries_a_complete_performance_summary()
    {
        var n = Assert.Single(_t.Notices("congocrea.warning.c-fall.20260401"));
        Assert.Equal(("warning", "seller", "Customer service warning"), (n.Kind, n.Audience, n.Title));
        Assert.Equal("Your order defect rate is 3% over the last 90 days; the standard is under 1%.", n.Lines[0]);
        Assert.Contains("Orders that counted as defective (3):", n.Lines);
        Assert.Contains(n.Lines, l => l.Contains("c-fall-a001", StringComparison.Ordinal) && l.Contains("2026-03-10", StringComparison.Ordinal));
        Assert.Contains(n.Lines, l => l.Contains("c-fall-a003", StringComparison.Ordinal) && l.Contains("2 of 5 stars", StringComparison.Ordinal));
        Assert.Contains(n.Lines, l => l.Contains("Answer buyer messages", StringComparison.Ordinal));
        Assert.Contains(n.Lines, l => l.Contains("re-evaluated on 2026-06-30", StringComparison.Ordinal));
    }

    // c-fall: the fall to 1.5% on 05-02 keeps the warning (still not under 1%); the fall to 0% on 06-09 resolves it.
    [Fact]
    public void A_fall_keeps_the_warning_while_in_breach_and_resolves_it_under_the_limit()
    {
        var may = _t.AfterMay6.Single(c => c.Id == "congocrea.warning.c-fall.20260401");
        Assert.Equal("issued", may.State);
        Assert.Equal(0.015, may.Odr!.Value, 9);
        var resolved = _t.AfterJune30.Single(c => c.Id == "congocrea.warning.c-fall.20260401");
        Assert.Equal("resolved", resolved.State);
        Assert.Equal(Utc("2026-06-09T00:00:00"), resolved.ClosedAt);
        Assert.Equal(0.0, resolved.Odr!.Value, 9);
    }

    // c-fall again in breach from 06-12, warned again only once the 90 days since 04-01 are over: on 06-30.
    [Fact]
    public void A_second_warning_waits_for_the_next_ninety_day_period()
    {
        var warnings = _t.AfterJune30.Where(c => c.Seller == "c-fall" && c.Kind == "warning").OrderBy(c => c.OpenedAt).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(Utc("2026-06-30T00:00:00"), warnings[1].OpenedAt);
        Assert.Equal(Utc("2026-09-28T00:00:00"), warnings[1].DueAt);
        Assert.Equal(0.015, warnings[1].Odr!.Value, 9);
    }

    // c-rise: a rise of 0.5 points (1.5% → 2%) with a new defective order, 35 days after the warning → escalated on
    // 05-06 and a suspension proposed for a person; the operator is told, not the shop.
    [Fact]
    public void A_considerable_rise_after_the_time_to_act_proposes_a_suspension()
    {
        var warning = _t.AfterMay6.Single(c => c.Id == "congocrea.warning.c-rise.20260401");
        Assert.Equal("escalated", warning.State);
        Assert.Equal(Utc("2026-05-06T00:00:00"), warning.ClosedAt);
        var proposal = _t.AfterMay6.Single(c => c.Seller == "c-rise" && c.Kind == "suspension_proposal");
        Assert.Equal("proposed", proposal.State);
        Assert.Equal(Utc("2026-05-06T00:00:00"), proposal.OpenedAt);
        Assert.Equal(new[] { "confirm", "dismiss" }, proposal.Allowed);
        // The first notice of the proposal (the person's decisions come later in the timeline) goes to the operator.
        var told = _t.Notices(proposal.Id)[0];
        Assert.Equal(("suspension_proposal", "operator"), (told.Kind, told.Audience));
    }

    // A person confirms on 05-07 (the shop is told its buying and selling privileges are suspended on every account) and
    // reinstates on 06-20; while suspended no warning is sent.
    [Fact]
    public void Only_a_person_suspends_and_reinstates()
    {
        Assert.Equal(0, _t.Confirm.ExitCode);
        var proposal = _t.AfterJune30.Single(c => c.Seller == "c-rise" && c.Kind == "suspension_proposal");
        Assert.Equal("reinstated", proposal.State);
        Assert.Equal(Utc("2026-06-20T09:00:00"), proposal.ClosedAt);
        var notices = _t.Notices(proposal.Id);
        Assert.Equal(new[] { ("operator", "suspension_proposal"), ("seller", "suspension"), ("seller", "reinstatement") },
            notices.Select(n => (n.Audience, n.Kind)));
        Assert.Equal("Your buying and selling privileges are suspended on every account you hold", notices[1].Title);
        Assert.Equal("Your buying and selling privileges are restored", notices[2].Title);
        Assert.Single(_t.AfterJune30, c => c.Seller == "c-rise" && c.Kind == "warning");
    }

    // c-end: never moved by 0.5 points, still exactly 1% at the period's end (06-30) → escalated then.
    [Fact]
    public void A_shop_still_not_under_one_percent_at_the_periods_end_is_proposed_for_suspension()
    {
        var warning = _t.AfterJune30.Single(c => c.Id == "congocrea.warning.c-end.20260401");
        Assert.Equal("escalated", warning.State);
        Assert.Equal(Utc("2026-06-30T00:00:00"), warning.ClosedAt);
        var proposal = _t.AfterJune30.Single(c => c.Seller == "c-end" && c.Kind == "suspension_proposal");
        Assert.Equal(("proposed", Utc("2026-06-30T00:00:00")), (proposal.State, proposal.OpenedAt));
    }

    // c-guard: a person's warning for a pattern of problems; a second one while it is open is refused.
    [Fact]
    public void A_person_warns_for_a_pattern_of_problems_once_at_a_time()
    {
        Assert.Equal(0, _t.ManualWarning.ExitCode);
        Assert.NotEqual(0, _t.SecondManualWarning.ExitCode);
        var w = _t.AfterJune30.Single(c => c.Seller == "c-guard" && c.Kind == "warning");
        Assert.Equal("issued", w.State);
        Assert.Equal("person:amina", _t.Show(w.Id).GetProperty("audit")[0].GetProperty("actor").GetString());
        Assert.Equal(Utc("2026-08-05T10:00:00"), w.DueAt);
        Assert.Equal(new[] { "dismiss" }, w.Allowed);
        var n = Assert.Single(_t.Notices(w.Id));
        Assert.Equal("Your order defect rate is 2% over the last 90 days; the standard is under 1%.", n.Lines[0]);
    }

    /// <summary>One case as <c>cases list --format json</c> gives it.</summary>
    public sealed record Case(string Id, string Seller, string Kind, string State, DateTimeOffset OpenedAt, DateTimeOffset? DueAt,
        DateTimeOffset? ClosedAt, double? Odr, IReadOnlyList<string> Allowed);

    /// <summary>One notice as <c>cases show --format json</c> gives it.</summary>
    public sealed record Notice(string Kind, string Audience, string Title, IReadOnlyList<string> Lines);

    /// <summary>The scenario's store driven once from April to June, with what each checkpoint showed.</summary>
    public sealed class Timeline : IDisposable
    {
        private readonly TempFolder _dir = new();
        private readonly string _db;

        public Timeline()
        {
            _db = Path.Combine(_dir.Path, "store.db");
            Ok("ingest", AcceptanceRun.Scenario("congocrea-letter.ndjson"), "--db", _db);
            Ok("run", "--db", _db, "--from", "2026-04-01", "--to", "2026-05-06", "--policy", "congocrea");
            AfterMay6 = List();
            Confirm = StandingProcess.Run("cases", "decide", "congocrea.suspension_proposal.c-rise.20260506", "--db", _db,
                "--decision", "confirm", "--by", "amina", "--note", "still in breach after the warning", "--at", "2026-05-07T09:00:00Z");
            ManualWarning = StandingProcess.Run("cases", "open", "--db", _db, "--seller", "c-guard", "--policy", "congocrea", "--kind", "warning",
                "--by", "amina", "--note", "buyers report unanswered messages", "--at", "2026-05-07T10:00:00Z");
            SecondManualWarning = StandingProcess.Run("cases", "open", "--db", _db, "--seller", "c-guard", "--policy", "congocrea", "--kind", "warning",
                "--by", "amina", "--note", "again", "--at", "2026-05-07T11:00:00Z");
            Ok("run", "--db", _db, "--from", "2026-05-07", "--to", "2026-06-20", "--policy", "congocrea");
            Ok("cases", "decide", "congocrea.suspension_proposal.c-rise.20260506", "--db", _db,
                "--decision", "reinstate", "--by", "amina", "--note", "new processes in place", "--at", "2026-06-20T09:00:00Z");
            Ok("run", "--db", _db, "--from", "2026-06-21", "--to", "2026-06-30", "--policy", "congocrea");
            AfterJune30 = List();
        }

        public IReadOnlyList<Case> AfterMay6 { get; }
        public IReadOnlyList<Case> AfterJune30 { get; }
        internal StandingProcess.Result Confirm { get; }
        internal StandingProcess.Result ManualWarning { get; }
        internal StandingProcess.Result SecondManualWarning { get; }

        private readonly Dictionary<string, JsonElement> _shown = new(StringComparer.Ordinal);

        /// <summary><c>cases show</c> after the whole timeline (read once per case: the store no longer changes).</summary>
        public JsonElement Show(string id)
        {
            lock (_shown)
            {
                if (!_shown.TryGetValue(id, out var shown))
                    _shown[id] = shown = JsonDocument.Parse(Ok("cases", "show", id, "--db", _db, "--format", "json").Stdout).RootElement;
                return shown;
            }
        }

        /// <summary>The case's notices, oldest first, as stored now.</summary>
        public IReadOnlyList<Notice> Notices(string id) => Show(id).GetProperty("notices").EnumerateArray()
            .Select(n => new Notice(n.GetProperty("kind").GetString()!, n.GetProperty("audience").GetString()!, n.GetProperty("title").GetString()!,
                n.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList()))
            .ToList();

        private List<Case> List() =>
            JsonDocument.Parse(Ok("cases", "list", "--db", _db, "--policy", "congocrea", "--format", "json").Stdout).RootElement.EnumerateArray()
                .Select(c => new Case(c.GetProperty("id").GetString()!, c.GetProperty("seller").GetString()!, c.GetProperty("kind").GetString()!,
                    c.GetProperty("state").GetString()!, Instant(c, "opened_at")!.Value, Instant(c, "due_at"), Instant(c, "closed_at"),
                    c.GetProperty("data").TryGetProperty("odr", out var odr) && odr.ValueKind == JsonValueKind.Number ? odr.GetDouble() : null,
                    c.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()!).ToList()))
                .ToList();

        public void Dispose() => _dir.Dispose();
    }
}
