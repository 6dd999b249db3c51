using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// Prom.ua's exclusion and reinstatement (STANDARDS.md §2; seed 001, the Russian original) driven through the
/// documented commands on promua-letter.ndjson: <c>standing ingest</c> into a fresh SQLite store, <c>standing run
/// --from --to</c> day by day (Europe/Kyiv midnights), <c>standing cases list/show --format json</c> and
/// <c>standing cases decide</c> for the operator. Every expected date, state and condition below is worked out
/// by hand from the text, not read off a run.
/// </summary>
/// <remarks>
/// The rules, from the text:
/// <list type="bullet">
/// <item>"Минимальный срок исключения товаров из каталога — 2 недели"; the re-check is "на 14й день после
/// исключения", "не ранее, чем через 14 дней после исключения", even if the company wrote or improved earlier.
/// Excluded on 2026-04-01 (day 0) → re-checked on 2026-04-15, never before: a person's reinstatement before
/// then is refused too.</item>
/// <item>Reinstated at the re-check only if all hold: (1) every negative review already received is resolved
/// with the buyer or commented; (2) new positive reviews and the rating went up (Default: by ≥ 0.1; the rating
/// is the mean stars of the last 365 days, fake-flagged reviews left out); (3) no fake reviews; (4) the
/// improvement letter received no later than the re-check day ("позднее дня перепроверки" fails); (5) no new
/// negative reviews or complaints since the exclusion.</item>
/// <item>Otherwise still excluded and re-checked again (Default: every 14 days → 2026-04-29, 2026-05-13).</item>
/// <item>"Мы обязательно ответим на ваше письмо о результате проверки": every re-check result is sent; the
/// operator answers each letter "в течение 14 дней" (a letter case due 14 days after it).</item>
/// <item>Readings (docs/enforcement.md): the re-check is the run at the start of day 14; when only the letter is
/// missing then, a letter received during that day completes it at the next run; after a reinstatement a new
/// exclusion needs a new negative review or complaint.</item>
/// </list>
/// The catalog: q-000…q-099 have 20 reviews each, one of 1 star (5%); six companies have 20 reviews posted
/// 2026-03-25 with 10–15 of 1 star. 106 companies are ranked; each of the six has at most 5 worse than it,
/// 5 &lt; 5% · 106 = 5.3, and 10/20 against a catalog rate of (100 + 75)/(2000 + 120) ≈ 8.3% is far beyond
/// α = 0.01 → all six, and only they, are excluded as of 2026-04-01T00:00+03:00. After the exclusion five of
/// them answer every negative review on 04-03 (resolved or replied) and get five new 5-star reviews on 04-05.
/// </remarks>
public sealed class PromuaLetterAcceptanceTests : IClassFixture<PromuaLetterAcceptanceTests.Timeline>
{
    private readonly Timeline _t;

    public PromuaLetterAcceptanceTests(Timeline timeline) => _t = timeline;

    private static DateTimeOffset Kyiv(string local) => DateTimeOffset.Parse(local + "+03:00", CultureInfo.InvariantCulture);

    // Exactly the six are excluded from 2026-04-01, each with its re-check on day 14 = 2026-04-15 (Kyiv midnight).
    [Fact]
    public void Six_companies_are_excluded_for_at_least_14_days()
    {
        var excluded = _t.AfterApril10.Where(c => c.Kind == "catalog_exclusion").ToList();
        Assert.Equal(new[] { "p-complaint", "p-dayneg", "p-lastday", "p-lateletter", "p-model", "p-partial" },
            excluded.Select(c => c.Seller).Order(StringComparer.Ordinal));
        Assert.All(excluded, c =>
        {
            Assert.Equal("excluded", c.State);
            Assert.Equal(Kyiv("2026-04-01T00:00:00"), c.OpenedAt);
            Assert.Equal(Kyiv("2026-04-15T00:00:00"), c.DueAt);
        });
    }

    // p-model did everything by 04-08 — but "не ранее, чем через 14 дней": an operator's reinstatement on 04-10 is refused.
    [Fact]
    public void Nobody_is_reinstated_before_day_14_even_by_a_person()
    {
        Assert.NotEqual(0, _t.EarlyReinstate.ExitCode);
        Assert.Contains("minimum exclusion", _t.EarlyReinstate.Stderr, StringComparison.Ordinal);
        Assert.Equal("excluded", _t.AfterApril10.Single(c => c.Seller == "p-model" && c.Kind == "catalog_exclusion").State);
    }

    // The decisions a case offers are those it would accept: before day 14 an exclusion offers none (cases list as of the
    // store's latest run, 04-10); once the re-check day has come (p-lateletter, still excluded after 04-15) it offers reinstate.
    [Fact]
    public void An_exclusion_offers_reinstatement_only_from_day_14()
    {
        Assert.All(_t.AfterApril10.Where(c => c.Kind == "catalog_exclusion"), c => Assert.Empty(c.Allowed));
        Assert.Equal(new[] { "reinstate" }, _t.AfterApril16.Single(c => c.Seller == "p-lateletter" && c.Kind == "catalog_exclusion").Allowed);
    }

    // p-model (registered in Russian): 15 of 20 negative → rating 40/20 = 2.0; all 15 worked through, 5 new 5-star
    // reviews → 65/25 = 2.6 (rise 0.6 ≥ 0.1); letter 04-08; nothing new → reinstated by the re-check of 04-15, told in Russian.
    [Fact]
    public void A_company_that_did_everything_is_reinstated_on_day_14()
    {
        var c = _t.AfterApril16.Single(c => c.Seller == "p-model" && c.Kind == "catalog_exclusion");
        Assert.Equal("reinstated", c.State);
        Assert.Equal(Kyiv("2026-04-15T00:00:00"), c.ClosedAt);
        Assert.Null(c.Failed);

        var notices = _t.Notices("promua.catalog_exclusion.p-model.20260401");
        Assert.Equal("Ваши товары исключены из каталога", notices[0].Title);
        Assert.Contains(notices[0].Lines, l => l.Contains("2026-04-15", StringComparison.Ordinal));
        Assert.Equal("Повторная проверка пройдена: ваши товары возвращены в каталог", notices[1].Title);
        Assert.Contains(notices[1].Lines, l => l.Contains("рейтинг 2 → 2.6", StringComparison.Ordinal));
    }

    // p-lastday: everything but the letter at the start of 04-15; the letter comes 04-15 15:00 ("не позднее дня
    // перепроверки" holds) → told at 04-15 that a letter by the end of the day still counts, reinstated at 04-16 00:00.
    [Fact]
    public void A_letter_received_on_the_recheck_day_still_reinstates()
    {
        var c = _t.AfterApril16.Single(c => c.Seller == "p-lastday" && c.Kind == "catalog_exclusion");
        Assert.Equal("reinstated", c.State);
        Assert.Equal(Kyiv("2026-04-16T00:00:00"), c.ClosedAt);
        Assert.Null(c.Failed);
        var notices = _t.Notices("promua.catalog_exclusion.p-lastday.20260401");
        Assert.Equal(new[] { "catalog_exclusion", "recheck_result", "recheck_result" }, notices.Select(n => n.Kind));
        Assert.Contains(notices[1].Lines, l => l.Contains("received by the end of 2026-04-15 still counts", StringComparison.Ordinal));
        Assert.Contains("back in the catalog", notices[2].Title, StringComparison.Ordinal);
    }

    // p-lateletter: the letter comes 04-16 09:00, after the re-check day ("такое письмо было получено позднее дня
    // перепроверки") → still excluded, next re-check 04-29; the letter counts for that one → reinstated on 04-29.
    [Fact]
    public void A_letter_after_the_recheck_day_waits_for_the_next_recheck()
    {
        var c = _t.AfterApril16.Single(c => c.Seller == "p-lateletter" && c.Kind == "catalog_exclusion");
        Assert.Equal("excluded", c.State);
        Assert.Equal(Kyiv("2026-04-29T00:00:00"), c.DueAt);
        Assert.Equal("improvement_letter", c.Failed);
        // What it was told on 04-15 (stay excluded, next re-check 04-29) is how the day ended: nothing is sent on 04-16.
        var notices = _t.Notices("promua.catalog_exclusion.p-lateletter.20260401");
        Assert.Equal(new[] { "2026-03-31T21:00:00Z", "2026-04-14T21:00:00Z", "2026-04-28T21:00:00Z" }, notices.Select(n => n.At));

        var later = _t.AfterMay1.Single(c => c.Seller == "p-lateletter" && c.Kind == "catalog_exclusion");
        Assert.Equal("reinstated", later.State);
        Assert.Equal(Kyiv("2026-04-29T00:00:00"), later.ClosedAt);
    }

    // p-dayneg: only the letter missing at the start of 04-15; during the day the letter comes (15:00) and so does a
    // new 1-star review (16:00), neither answered → the completed re-check fails conditions 1 and 5, and the company,
    // told at 04-15 that every other condition held, is told the result with the next re-check (04-29).
    [Fact]
    public void A_new_negative_review_on_the_recheck_day_keeps_the_company_out_and_it_is_told()
    {
        var c = _t.AfterApril16.Single(c => c.Seller == "p-dayneg" && c.Kind == "catalog_exclusion");
        Assert.Equal("excluded", c.State);
        Assert.Equal(Kyiv("2026-04-29T00:00:00"), c.DueAt);
        Assert.Equal("negative_reviews_worked_through,no_new_negatives_or_complaints", c.Failed);
        // Sent by the run of 04-16 00:00 (2026-04-15T21:00Z), after the exclusion and the re-check of 04-15.
        var notices = _t.Notices("promua.catalog_exclusion.p-dayneg.20260401");
        Assert.Equal(new[] { "2026-03-31T21:00:00Z", "2026-04-14T21:00:00Z", "2026-04-15T21:00:00Z" }, notices.Take(3).Select(n => n.At));
        Assert.Equal(("recheck_result", "Re-check: your products stay excluded"), (notices[2].Kind, notices[2].Title));
        Assert.Contains(notices[2].Lines, l => l.Contains("Re-check of 2026-04-15", StringComparison.Ordinal));
        Assert.Contains(notices[2].Lines, l => l.Contains("p-dayneg-x0", StringComparison.Ordinal));
        Assert.Contains(notices[2].Lines, l => l.Contains("Next re-check: 2026-04-29", StringComparison.Ordinal));
    }

    // p-complaint: a complaint on 04-10 → condition 5 fails on 04-15 and, "since the exclusion", again on 04-29 (next
    // 05-13). The operator reinstates it on 04-29 11:00; with no new negative review or complaint since, the run of
    // 05-01 does not exclude it again although its 90-day rate is still among the worst.
    [Fact]
    public void A_complaint_since_the_exclusion_keeps_the_company_out_until_a_person_reinstates_it()
    {
        var c = _t.AfterApril29.Single(c => c.Seller == "p-complaint" && c.Kind == "catalog_exclusion");
        Assert.Equal("excluded", c.State);
        Assert.Equal(Kyiv("2026-05-13T00:00:00"), c.DueAt);
        Assert.Equal("no_new_negatives_or_complaints", c.Failed);
        Assert.Equal(0, _t.Reinstate.ExitCode);
        var all = _t.AfterMay1.Where(c => c.Seller == "p-complaint" && c.Kind == "catalog_exclusion").ToList();
        var only = Assert.Single(all);
        Assert.Equal("reinstated", only.State);
        Assert.Equal(Kyiv("2026-04-29T11:00:00"), only.ClosedAt);
    }

    // p-partial: leaves r00 unanswered, earns no new positive review (its one 5-star review of 04-06 is flagged fake on
    // 04-07, so the rating stays (11 + 45)/20 = 2.8) → fails conditions 1, 2 and 3 on 04-15 and 04-29; next 05-13.
    [Fact]
    public void Unworked_reviews_no_rise_and_a_fake_review_each_fail_the_recheck()
    {
        var c = _t.AfterMay1.Single(c => c.Seller == "p-partial" && c.Kind == "catalog_exclusion");
        Assert.Equal("excluded", c.State);
        Assert.Equal(Kyiv("2026-05-13T00:00:00"), c.DueAt);
        Assert.Equal("negative_reviews_worked_through,new_positive_reviews_and_rating_up,no_fake_reviews", c.Failed);
        var told = _t.Notices("promua.catalog_exclusion.p-partial.20260401").Where(n => n.Kind == "recheck_result").ToList();
        Assert.Equal(2, told.Count);
        Assert.Contains(told[0].Lines, l => l.Contains("p-partial-r00", StringComparison.Ordinal));
        Assert.Contains(told[0].Lines, l => l.Contains("fake reviews detected: p-partial-f0", StringComparison.Ordinal));
        Assert.Contains(told[0].Lines, l => l.Contains("rating 2.8 → 2.8", StringComparison.Ordinal));
    }

    // p-model, reinstated 04-15, gets a new 1-star review on 04-20 10:00 → excluded again by the run of 04-21, re-check 05-05.
    [Fact]
    public void A_new_negative_review_after_reinstatement_excludes_again()
    {
        var again = _t.AfterMay1.Single(c => c.Seller == "p-model" && c.Kind == "catalog_exclusion" && c.State == "excluded");
        Assert.Equal(Kyiv("2026-04-21T00:00:00"), again.OpenedAt);
        Assert.Equal(Kyiv("2026-05-05T00:00:00"), again.DueAt);
    }

    // "Срок ответа на письмо — 14 дней": one letter case per letter, due 14 days after it. p-model's (04-08 10:00,
    // due 04-22 10:00) is answered on 04-29 — late, and audited so; as of 05-01 the five others are overdue, the last
    // of them p-lateletter's (04-16 09:00 → 04-30 09:00).
    [Fact]
    public void Every_letter_waits_for_the_operators_answer_within_14_days()
    {
        var letters = _t.AfterMay1.Where(c => c.Kind == "letter").ToList();
        Assert.Equal(6, letters.Count);
        var model = letters.Single(c => c.Seller == "p-model");
        Assert.Equal("answered", model.State);
        Assert.Equal(Kyiv("2026-04-22T10:00:00"), _t.AfterApril16.Single(c => c.Seller == "p-model" && c.Kind == "letter").DueAt);
        Assert.Contains("late", _t.Show(model.Id).GetProperty("audit").EnumerateArray().Last().GetProperty("reason").GetString()!, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(0, _t.Overdue.ExitCode);
        var overdue = JsonDocument.Parse(_t.Overdue.Stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("seller").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "p-complaint", "p-dayneg", "p-lastday", "p-lateletter", "p-partial" }, overdue);
        Assert.Equal(Kyiv("2026-04-30T09:00:00"), letters.Single(c => c.Seller == "p-lateletter").DueAt);
    }

    // The ordinary companies are never touched.
    [Fact]
    public void Ordinary_companies_have_no_case()
    {
        Assert.DoesNotContain(_t.AfterMay1, c => c.Seller.StartsWith("q-", StringComparison.Ordinal));
    }

    /// <summary>One case as <c>cases list --format json</c> gives it.</summary>
    public sealed record Case(string Id, string Seller, string Kind, string State, DateTimeOffset OpenedAt, DateTimeOffset? DueAt, DateTimeOffset? ClosedAt, string? Failed,
        IReadOnlyList<string> Allowed);

    /// <summary>One notice as <c>cases show --format json</c> gives it.</summary>
    public sealed record Notice(string Kind, string At, string Title, IReadOnlyList<string> Lines);

    /// <summary>The scenario's store driven once through April, with what each checkpoint showed.</summary>
    public sealed class Timeline : IDisposable
    {
        private readonly TempFolder _dir = new();
        private readonly string _db;

        public Timeline()
        {
            _db = Path.Combine(_dir.Path, "store.db");
            Ok("ingest", AcceptanceRun.Scenario("promua-letter.ndjson"), "--db", _db);
            Ok("run", "--db", _db, "--from", "2026-04-01", "--to", "2026-04-10", "--policy", "promua");
            AfterApril10 = List();
            EarlyReinstate = StandingProcess.Run("cases", "decide", "promua.catalog_exclusion.p-model.20260401", "--db", _db,
                "--decision", "reinstate", "--by", "olena", "--note", "plan received", "--at", "2026-04-10T12:00:00+03:00");
            Ok("run", "--db", _db, "--from", "2026-04-11", "--to", "2026-04-16", "--policy", "promua");
            AfterApril16 = List();
            Ok("run", "--db", _db, "--from", "2026-04-17", "--to", "2026-04-29", "--policy", "promua");
            AfterApril29 = List();
            Ok("cases", "decide", "promua.letter.p-model.20260408." + LetterEvent("p-model"), "--db", _db,
                "--decision", "answer", "--by", "olena", "--note", "plan accepted", "--at", "2026-04-29T10:00:00+03:00");
            Reinstate = StandingProcess.Run("cases", "decide", "promua.catalog_exclusion.p-complaint.20260401", "--db", _db,
                "--decision", "reinstate", "--by", "olena", "--note", "complaint settled with the buyer", "--at", "2026-04-29T11:00:00+03:00");
            Ok("run", "--db", _db, "--from", "2026-04-30", "--to", "2026-05-01", "--policy", "promua");
            AfterMay1 = List();
            Overdue = StandingProcess.Run("cases", "list", "--db", _db, "--policy", "promua", "--overdue", "--at", "2026-05-01T00:00:00+03:00", "--format", "json");
        }

        public IReadOnlyList<Case> AfterApril10 { get; }
        public IReadOnlyList<Case> AfterApril16 { get; }
        public IReadOnlyList<Case> AfterApril29 { get; }
        public IReadOnlyList<Case> AfterMay1 { get; }
        internal StandingProcess.Result EarlyReinstate { get; }
        internal StandingProcess.Result Reinstate { get; }
        internal StandingProcess.Result Overdue { get; }

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
            .Select(n => new Notice(n.GetProperty("kind").GetString()!, n.GetProperty("at").GetString()!, n.GetProperty("title").GetString()!,
                n.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList()))
            .ToList();

        /// <summary>The event id of the seller's letter in the scenario (a letter case is named after it).</summary>
        private static string LetterEvent(string seller) =>
            File.ReadLines(AcceptanceRun.Scenario("promua-letter.ndjson"))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Single(e => e.GetProperty("type").GetString() == "seller.plan_submitted" && e.GetProperty("seller").GetString() == seller)
                .GetProperty("id").GetString()!;

        private List<Case> List() =>
            JsonDocument.Parse(Ok("cases", "list", "--db", _db, "--policy", "promua", "--format", "json").Stdout).RootElement.EnumerateArray()
                .Select(c => new Case(c.GetProperty("id").GetString()!, c.GetProperty("seller").GetString()!, c.GetProperty("kind").GetString()!,
                    c.GetProperty("state").GetString()!, Instant(c, "opened_at")!.Value, Instant(c, "due_at"), Instant(c, "closed_at"),
                    c.GetProperty("data").TryGetProperty("failed", out var f) ? f.GetString() : null,
                    c.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()!).ToList()))
                .ToList();

        public void Dispose() => _dir.Dispose();
    }
}
