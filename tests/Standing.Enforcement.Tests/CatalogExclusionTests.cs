using NodaTime;
using Standing.Core.Events;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Decisions;
using Standing.Enforcement.Machines;
using Standing.Enforcement.Tests.Support;
using Standing.Testing;

namespace Standing.Enforcement.Tests;

/// <summary>
/// Prom.ua's exclusion (docs/standards/promua.md) replayed day by day with hand-made evaluations: excluded on
/// 2026-03-01 (day 0), so day 14 — the first re-check — is 2026-03-15, and the next one 2026-03-29.
/// Before the exclusion the seller has reviews of 5, 5, 1 and 1 stars: rating (5+5+1+1)/4 = 3.0.
/// </summary>
public sealed class CatalogExclusionTests
{
    private const string Seller = "shop-p";
    private static readonly Instant Excluded = HandMade.Day(2026, 3, 1);
    private static readonly Instant Day14 = HandMade.Day(2026, 3, 15);
    private static readonly Instant Day15 = HandMade.Day(2026, 3, 16);
    private static readonly Instant Day28 = HandMade.Day(2026, 3, 29);

    private readonly MachineDriver _driver = new(new CatalogExclusionMachine(), HandMade.Policy("promua"), Seller);

    private static EventScript History()
    {
        var s = new EventScript(Seller);
        s.Review("o1", 5, "2026-02-01T10:00:00Z", "r1");
        s.Review("o2", 5, "2026-02-02T10:00:00Z", "r2");
        s.Review("o3", 1, "2026-02-03T10:00:00Z", "r3");
        s.Review("o4", 1, "2026-02-04T10:00:00Z", "r4");
        return s;
    }

    /// <summary>The remedies of the checklist: both negatives worked through, two new 5-star reviews.
    /// Rating after: (5+5+1+1+5+5)/6 = 22/6 ≈ 3.67, a rise of 0.67 ≥ 0.1.</summary>
    private static EventScript Remedied(EventScript s)
    {
        s.Add(EventType.ReviewReplied, "2026-03-03T09:00:00Z", e => e with { Review = "r3" });
        s.Add(EventType.ReviewResolved, "2026-03-04T09:00:00Z", e => e with { Review = "r4" });
        s.Review("o5", 5, "2026-03-05T10:00:00Z", "r5");
        s.Review("o6", 5, "2026-03-06T10:00:00Z", "r6");
        return s;
    }

    private static EventScript Letter(EventScript s, string at) =>
        s.Add(EventType.SellerPlanSubmitted, at, e => e with { Text = "Problem: slow answers. Solution: a second agent." });

    private static Core.Evaluation.SellerEvaluation Evaluation(bool exclude) => HandMade.Evaluation(Seller, [], (CatalogExclusionMachine.Outcome, exclude));

    /// <summary>Runs daily from day 0 through <paramref name="last"/> (inclusive), the outcome triggered every day.</summary>
    private void Daily(IReadOnlyList<StandingEvent> events, Instant last)
    {
        for (var day = Excluded; day <= last; day += Duration.FromDays(1)) _driver.Step(day, events, Evaluation(exclude: true));
    }

    /// <summary>
    /// The exclusion notice from the pack's text, in the seller's language. By hand from the standard: excluded on
    /// 2026-03-01 for at least 14 days, so the re-check is on day 14, 2026-03-15. A seller without a language
    /// gets the English the machine always wrote.
    /// </summary>
    [Theory]
    [InlineData("ru-RU", "Ваши товары исключены из каталога",
        "Качество вашего обслуживания значительно хуже, чем у других компаний в каталоге; ваши товары исключены из каталога с 2026-03-01 на срок не менее 14 дней.",
        "Повторная проверка вашей компании состоится 2026-03-15 (не раньше, даже если вы напишете нам или улучшите показатели до этой даты).")]
    [InlineData("uk-UA", "Ваші товари виключено з каталогу",
        "Якість вашого обслуговування значно гірша, ніж в інших компаній у каталозі; ваші товари виключено з каталогу з 2026-03-01 на строк щонайменше 14 днів.",
        "Повторна перевірка вашої компанії відбудеться 2026-03-15 (не раніше, навіть якщо ви напишете нам або покращите показники до цієї дати).")]
    [InlineData(null, "Your products are excluded from the catalog",
        "Your service quality is significantly worse than that of the other companies in the catalog; your products are excluded from 2026-03-01 for at least 14 days.",
        "Your case is re-checked on 2026-03-15 (not earlier, even if you write or improve before).")]
    public void The_exclusion_notice_is_in_the_sellers_language(string? language, string title, string first, string second)
    {
        var policy = HandMade.Policy("promua") with { Notices = Standing.Policies.BuiltInPacks.Load("promua").Notices };
        var driver = new MachineDriver(new CatalogExclusionMachine(), policy, Seller);
        var s = History();
        if (language is not null) s.Add(EventType.SellerRegistered, "2026-01-01T09:00:00+02:00", e => e with { Language = language });
        driver.Step(Excluded, s.Events, Evaluation(exclude: true));

        var notice = Assert.Single(driver.Notices);
        Assert.Equal(title, notice.Title);
        Assert.Equal(4, notice.Lines.Count);
        Assert.Equal(first, notice.Lines[0]);
        Assert.Equal(second, notice.Lines[1]);
        if (language is not null) EnglishWords.AssertNone(notice);
    }

    private static MachineDriver WithPackTexts() =>
        new(new CatalogExclusionMachine(), HandMade.Policy("promua") with { Notices = Standing.Policies.BuiltInPacks.Load("promua").Notices }, Seller);

    private static EventScript Speaking(EventScript s, string language) =>
        s.Add(EventType.SellerRegistered, "2026-01-01T09:00:00+02:00", e => e with { Language = language });

    /// <summary>
    /// A person reinstates a company that did nothing, after its minimum exclusion (day 14 re-check failed, reinstated on
    /// day 15, 2026-03-16): the exclusion recorded the company's language when it opened, so the reinstatement reaches
    /// it in Russian or Ukrainian from the pack's text, with the note as written.
    /// </summary>
    [Theory]
    [InlineData("ru", "Ваши товары возвращены в каталог", "Причина: претензии урегулированы по телефону", "претензии урегулированы по телефону")]
    [InlineData("uk", "Ваші товари повернуто до каталогу", "Причина: претензії врегульовано телефоном", "претензії врегульовано телефоном")]
    public void A_persons_reinstatement_is_told_in_the_companys_language(string language, string title, string line, string note)
    {
        var driver = WithPackTexts();
        var events = Speaking(History(), language).Events;
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1)) driver.Step(day, events, Evaluation(exclude: true));
        var exclusion = driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(language, exclusion.Get(CaseRules.LanguageKey));

        var book = driver.Book();
        Assert.Null(DecisionRules.Apply(book, exclusion, new Decision(Decision.Reinstate), "olena", note, Day15, [],
            HandMade.Policy("promua") with { Notices = Standing.Policies.BuiltInPacks.Load("promua").Notices }));
        driver.Apply(book);

        var told = Assert.Single(driver.Notices, n => n.Kind == "reinstatement");
        Assert.Equal(title, told.Title);
        Assert.Equal([line], told.Lines);
        Assert.All(driver.Notices, EnglishWords.AssertNone);
    }

    /// <summary>
    /// The day-14 re-check of a company registered in Russian that did everything but the letter, from the
    /// pack's Russian texts. By hand from the standard (docs/standards/promua.md): excluded 2026-03-01, re-check on
    /// day 14 = 2026-03-15; both negatives (r3, r4) worked through; two new 5-star reviews, rating
    /// (5+5+1+1)/4 = 3 → (5+5+1+1+5+5)/6 ≈ 3.67, a rise ≥ 0.1; no fakes; no new negatives; no letter yet,
    /// and one received by the end of the re-check day still counts; next re-check 14 days later, 2026-03-29.
    /// </summary>
    [Fact]
    public void A_russian_company_is_told_its_recheck_result_in_russian_condition_by_condition()
    {
        var driver = WithPackTexts();
        var events = Speaking(Remedied(History()), "ru-UA").Events;
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1)) driver.Step(day, events, Evaluation(exclude: true));

        var result = Assert.Single(driver.Notices, n => n.Kind == "recheck_result");
        Assert.Equal("Повторная проверка: ваши товары остаются исключёнными из каталога", result.Title);
        Assert.Equal(
        [
            "Повторная проверка 2026-03-15: товары остаются исключёнными, потому что не выполнены условия:",
            "  Письмо с планом улучшений: письмо («Проблема → Решение») ещё не получено; письмо, полученное до конца дня повторной проверки, засчитывается",
            "Все остальные условия выполнены: письмо с планом улучшений, полученное до конца дня 2026-03-15, ещё засчитывается, и товары вернутся в каталог при первой проверке после этого дня.",
            "Следующая повторная проверка: 2026-03-29.",
            "Все условия:",
            "  ✓ Негативные отзывы отработаны: все негативные отзывы (2) урегулированы с покупателем или прокомментированы",
            "  ✓ Новые положительные отзывы и рост рейтинга: новых положительных отзывов после исключения — 2; рейтинг 3 → 3.67 (нужен рост не менее чем на 0.1)",
            "  ✓ Нет поддельных отзывов: поддельных отзывов не выявлено",
            "  ✗ Письмо с планом улучшений: письмо («Проблема → Решение») ещё не получено; письмо, полученное до конца дня повторной проверки, засчитывается",
            "  ✓ Нет новых негативных отзывов и жалоб: после исключения их не поступало",
        ], result.Lines);
        Assert.All(driver.Notices, EnglishWords.AssertNone);
    }

    /// <summary>
    /// The same company registered in Ukrainian, with its letter on day 10 (2026-03-11 12:00 UTC): every
    /// condition holds on day 14 and it is reinstated, told in Ukrainian with each condition met.
    /// </summary>
    [Fact]
    public void A_ukrainian_company_is_told_its_reinstatement_in_ukrainian()
    {
        var driver = WithPackTexts();
        var events = Letter(Speaking(Remedied(History()), "uk"), "2026-03-11T12:00:00Z").Events;
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1)) driver.Step(day, events, Evaluation(exclude: true));

        Assert.Equal(CaseStates.Reinstated, driver.Only(CaseKinds.CatalogExclusion).State);
        var result = Assert.Single(driver.Notices, n => n.Kind == "recheck_result");
        Assert.Equal("Повторну перевірку пройдено: ваші товари повернуто до каталогу", result.Title);
        Assert.Equal(
        [
            "Повторна перевірка 2026-03-15: усі умови виконано; ваші товари повернуто до каталогу.",
            "  ✓ Негативні відгуки опрацьовано: усі негативні відгуки (2) урегульовано з покупцем або прокоментовано",
            "  ✓ Нові позитивні відгуки та зростання рейтингу: нових позитивних відгуків після виключення — 2; рейтинг 3 → 3.67 (потрібне зростання щонайменше на 0.1)",
            "  ✓ Немає фейкових відгуків: фейкових відгуків не виявлено",
            "  ✓ Лист із планом покращень: отримано 2026-03-11T12:00:00Z",
            "  ✓ Немає нових негативних відгуків і скарг: після виключення їх не надходило",
        ], result.Lines);
        Assert.All(driver.Notices, EnglishWords.AssertNone);
    }

    /// <summary>
    /// A Russian company excluded with no review at all has no rating then (not 0): its day-14 re-check, with
    /// one new 1-star review r9 (2026-03-05) and complaint k1 (2026-03-06) since, says in Russian that the
    /// rating could not be measured before, is 1 now, and names the new negative review and the complaint.
    /// </summary>
    [Fact]
    public void A_missing_rating_and_new_negatives_are_written_in_russian_too()
    {
        var driver = WithPackTexts();
        var s = Speaking(new EventScript(Seller), "ru");
        s.Review("o9", 1, "2026-03-05T10:00:00Z", "r9");
        s.Add(EventType.ComplaintFiled, "2026-03-06T10:00:00Z", e => e with { Complaint = "k1" });
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1)) driver.Step(day, s.Events, Evaluation(exclude: true));

        var result = Assert.Single(driver.Notices, n => n.Kind == "recheck_result");
        Assert.Contains("  ✗ Новые положительные отзывы и рост рейтинга: новых положительных отзывов после исключения — 0; рейтинг недостаточно отзывов для расчёта → 1 (нужен рост не менее чем на 0.1)", result.Lines);
        Assert.Contains("  Нет новых негативных отзывов и жалоб: после исключения поступили негативные отзывы: r9; жалобы: k1", result.Lines);
        Assert.Contains("  Негативные отзывы отработаны: не урегулированы и не прокомментированы отзывы r9", result.Lines);
        Assert.Contains("Следующая повторная проверка: 2026-03-29.", result.Lines);
        EnglishWords.AssertNone(result);
    }

    /// <summary>
    /// A Ukrainian company remedied everything and sent its letter on day 14 (2026-03-15) after the day's run: the
    /// re-check of that day waits for the letter and is completed at the next run (day 15), told in Ukrainian.
    /// </summary>
    [Fact]
    public void A_letter_on_the_recheck_day_is_told_in_ukrainian()
    {
        var driver = WithPackTexts();
        var events = Letter(Speaking(Remedied(History()), "uk"), "2026-03-15T08:00:00Z").Events;
        for (var day = Excluded; day <= Day15; day += Duration.FromDays(1)) driver.Step(day, events, Evaluation(exclude: true));

        var results = driver.Notices.Where(n => n.Kind == "recheck_result").ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("Повторна перевірка 2026-03-15: товари залишаються виключеними, бо не виконано умови:", results[0].Lines[0]);
        Assert.Equal("Повторна перевірка 2026-03-15: ваш лист із планом покращень надійшов у день повторної перевірки, і всі умови виконано; ваші товари повернуто до каталогу.",
            results[1].Lines[0]);
        Assert.All(driver.Notices, EnglishWords.AssertNone);
    }

    /// <summary>The pack's English re-check texts say, line for line, what the machine writes without them.</summary>
    [Fact]
    public void The_packs_english_recheck_result_is_the_machines_own()
    {
        var events = Remedied(History()).Events;
        var withTexts = WithPackTexts();
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1))
        {
            withTexts.Step(day, events, Evaluation(exclude: true));
            _driver.Step(day, events, Evaluation(exclude: true));
        }
        var fromPack = Assert.Single(withTexts.Notices, n => n.Kind == "recheck_result");
        var own = Assert.Single(_driver.Notices, n => n.Kind == "recheck_result");
        Assert.Equal(own.Title, fromPack.Title);
        Assert.Equal(own.Lines, fromPack.Lines);
        Assert.Contains("  improvement_letter: no improvement letter (Problem → Solution) received yet; one received by the end of the re-check day still counts", own.Lines);
    }

    /// <summary>
    /// The exclusion records the version of the policy and the settings its re-checks read: an operator who
    /// later sets recheck_every_days to 7 (a new version) does not change the exclusion opened before, whose
    /// failed day-14 re-check still schedules the next one 14 days later (2026-03-29), as that version said.
    /// </summary>
    [Fact]
    public void An_open_exclusion_keeps_the_version_and_settings_it_was_opened_under()
    {
        var v1 = HandMade.Policy("promua");
        var events = Remedied(History()).Events;
        _driver.Step(Excluded, events, Evaluation(exclude: true));
        var opened = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(v1.Version, opened.Get(EnforcementCase.PolicyVersionKey));

        var v2 = v1 with { Version = v1.Version + "-b", Settings = new Dictionary<string, double>(v1.Settings) { [CatalogExclusionMachine.RecheckEverySetting] = 7 } };
        var later = new MachineDriver(new CatalogExclusionMachine(), v2, Seller);
        later.Step(Excluded, events, Evaluation(exclude: true)); // v2's own exclusion, to compare
        Assert.Equal(v2.Version, later.Only(CaseKinds.CatalogExclusion).Get(EnforcementCase.PolicyVersionKey));

        // The v1 case carried on under v2.
        var carried = new MachineDriver(new CatalogExclusionMachine(), v2, Seller);
        carried.Seed(opened);
        carried.Step(Day14, events, Evaluation(exclude: true));
        Assert.Equal(Day28, carried.Only(CaseKinds.CatalogExclusion).DueAt);
        later.Step(Day14, events, Evaluation(exclude: true));
        Assert.Equal(HandMade.Day(2026, 3, 22), later.Only(CaseKinds.CatalogExclusion).DueAt);
    }

    [Fact]
    public void Letter_on_day_10_and_reviews_worked_through_reinstate_on_day_14()
    {
        var events = Letter(Remedied(History()), "2026-03-11T12:00:00Z").Events; // day 10
        Daily(events, Day14 - Duration.FromDays(1));
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(Day14, exclusion.DueAt);
        Assert.DoesNotContain(_driver.Audit, a => a.Action == "re-checked");

        _driver.Step(Day14, events, Evaluation(exclude: true));
        exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Reinstated, exclusion.State);
        Assert.Equal(Day14, exclusion.ClosedAt);
        var result = Assert.Single(_driver.Notices, n => n.Kind == "recheck_result");
        Assert.Contains("back in the catalog", result.Title);
        Assert.Contains(result.Lines, l => l.Contains("rating 3 → 3.67", StringComparison.Ordinal));
    }

    /// <summary>
    /// A company excluded with no review at all (no rating: not 0): nothing is stored for the rating at
    /// exclusion, and on day 14 its first two reviews (5 and 5 stars, rating 5) with the letter
    /// reinstate it — a rating formed since the exclusion is the rise, never compared with an invented 0.
    /// </summary>
    [Fact]
    public void Without_a_rating_at_the_exclusion_none_is_invented()
    {
        var s = new EventScript(Seller);
        s.Review("o5", 5, "2026-03-05T10:00:00Z", "r5");
        s.Review("o6", 5, "2026-03-06T10:00:00Z", "r6");
        var events = Letter(s, "2026-03-11T12:00:00Z").Events;
        _driver.Step(Excluded, events, Evaluation(exclude: true));
        Assert.Null(_driver.Only(CaseKinds.CatalogExclusion).Get("rating_at_exclusion"));

        Daily(events, Day14);
        Assert.Equal(CaseStates.Reinstated, _driver.Only(CaseKinds.CatalogExclusion).State);
        var result = Assert.Single(_driver.Notices, n => n.Kind == "recheck_result");
        Assert.Contains(result.Lines, l => l.Contains("rating not enough reviews to measure → 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_letter_the_seller_stays_excluded_on_day_14_and_is_told_why()
    {
        var events = Remedied(History()).Events;
        Daily(events, Day14);
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(Day28, exclusion.DueAt); // Default: re-checked every 14 days
        Assert.Equal(ReinstatementChecklist.Letter, exclusion.Get("failed"));
        var told = Assert.Single(_driver.Notices, n => n.Kind == "recheck_result");
        Assert.Equal("seller", told.Audience);
        Assert.Contains(told.Lines, l => l.Contains("improvement_letter: no improvement letter", StringComparison.Ordinal));
        // "No later than the re-check day": a letter during day 14 would still count, and the seller is told.
        Assert.Contains(told.Lines, l => l.Contains("received by the end of 2026-03-15 still counts", StringComparison.Ordinal));
        Assert.Contains(told.Lines, l => l.Contains("Next re-check: 2026-03-29", StringComparison.Ordinal));

        // The day ends without a letter: the result stands, nothing more is sent.
        _driver.Step(Day15, events, Evaluation(exclude: true));
        exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(Day28, exclusion.DueAt);
        Assert.Contains("completed at the end of the day: still excluded", _driver.Audit[^1].Reason);
        Assert.Single(_driver.Notices, n => n.Kind == "recheck_result");
        var audited = _driver.Audit.Count;
        _driver.Step(HandMade.Day(2026, 3, 17), events, Evaluation(exclude: true));
        Assert.Equal(audited, _driver.Audit.Count);
    }

    [Fact]
    public void Everything_done_on_day_3_is_still_rechecked_only_on_day_14()
    {
        var s = History();
        s.Add(EventType.ReviewReplied, "2026-03-02T09:00:00Z", e => e with { Review = "r3" });
        s.Add(EventType.ReviewReplied, "2026-03-02T09:05:00Z", e => e with { Review = "r4" });
        s.Review("o5", 5, "2026-03-02T10:00:00Z", "r5");
        Letter(s, "2026-03-03T08:00:00Z");
        Daily(s.Events, Day14 - Duration.FromDays(1));
        Assert.Equal(CaseStates.Excluded, _driver.Only(CaseKinds.CatalogExclusion).State);
        Assert.Single(_driver.Audit, a => a.CaseId == _driver.Only(CaseKinds.CatalogExclusion).Id); // only the exclusion itself

        // An operator cannot shortcut the minimum either.
        var book = _driver.Book();
        var refusal = DecisionRules.Apply(book, _driver.Only(CaseKinds.CatalogExclusion), new Decision(Decision.Reinstate), "olena", "looks better", HandMade.Day(2026, 3, 10), []);
        Assert.NotNull(refusal);
        Assert.Contains("minimum exclusion until 2026-03-15", refusal);

        _driver.Step(Day14, s.Events, Evaluation(exclude: true));
        Assert.Equal(CaseStates.Reinstated, _driver.Only(CaseKinds.CatalogExclusion).State);
    }

    [Fact]
    public void A_letter_received_during_the_recheck_day_counts()
    {
        // docs/standards/promua.md: the letter must be received "no later than the re-check day (on or before it)".
        var events = Letter(Remedied(History()), "2026-03-15T08:00:00Z").Events; // day 14, after the day-14 run at midnight
        Daily(events, Day14);
        Assert.Equal(CaseStates.Excluded, _driver.Only(CaseKinds.CatalogExclusion).State);
        _driver.Step(Day15, events, Evaluation(exclude: true));
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Reinstated, exclusion.State);
        Assert.Equal(Day15, exclusion.ClosedAt);
    }

    [Fact]
    public void A_wait_for_a_day_14_letter_does_not_reinstate_between_later_rechecks()
    {
        // Day 14: only the letter missing (wait set); the letter comes during day 14 but no run follows
        // until day 28, whose re-check fails on a new 1-star review of 03-20. The review is removed on
        // 03-30: nothing may reinstate before the next re-check, 2026-04-12.
        var s = Letter(Remedied(History()), "2026-03-15T08:00:00Z");
        s.Review("o9", 1, "2026-03-20T10:00:00Z", "r9");
        s.Add(EventType.ReviewRemoved, "2026-03-30T10:00:00Z", e => e with { Review = "r9" });
        var events = s.Events;
        Daily(events.Where(e => e.At < Day14).ToList(), Day14); // the letter is not known at the day-14 run
        Assert.Equal(CaseStates.Excluded, _driver.Only(CaseKinds.CatalogExclusion).State);

        _driver.Step(Day28, events, Evaluation(exclude: true));
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(HandMade.Day(2026, 4, 12), exclusion.DueAt);
        _driver.Step(HandMade.Day(2026, 3, 31), events, Evaluation(exclude: true));
        Assert.Equal(CaseStates.Excluded, _driver.Only(CaseKinds.CatalogExclusion).State);
        _driver.Step(HandMade.Day(2026, 4, 12), events, Evaluation(exclude: true));
        Assert.Equal(CaseStates.Reinstated, _driver.Only(CaseKinds.CatalogExclusion).State);
    }

    [Fact]
    public void A_letter_after_the_recheck_day_counts_only_at_the_next_recheck()
    {
        var events = Letter(Remedied(History()), "2026-03-16T08:00:00Z").Events; // day 15
        Daily(events, Day28 - Duration.FromDays(1));
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Daily(events, Day28);
        exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Reinstated, exclusion.State);
        Assert.Equal(Day28, exclusion.ClosedAt);
        Assert.Equal(2, _driver.Notices.Count(n => n.Kind == "recheck_result"));
    }

    [Fact]
    public void A_recheck_day_the_job_skipped_still_refuses_a_letter_sent_after_it()
    {
        // No run on day 14 or 15; the next run on day 16 re-checks, but the letter of day 15 came after
        // the re-check day: "a letter received after the re-check day" keeps the seller out.
        var events = Letter(Remedied(History()), "2026-03-16T08:00:00Z").Events;
        Daily(events, Day14 - Duration.FromDays(1));
        _driver.Step(HandMade.Day(2026, 3, 17), events, Evaluation(exclude: true));
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(ReinstatementChecklist.Letter, exclusion.Get("failed"));
    }

    [Fact]
    public void The_packs_settings_move_the_rechecks_the_rating_rise_and_the_letter_deadline()
    {
        // promua.yaml's settings, changed: re-check every 7 days, a rise of 1.0 (the remedies give 0.67),
        // letters answered within 3 days.
        var policy = HandMade.Policy("promua", settings: new Dictionary<string, double>
        {
            [CatalogExclusionMachine.RecheckEverySetting] = 7,
            [CatalogExclusionMachine.RatingRiseSetting] = 1.0,
            [CatalogExclusionMachine.AnswerDaysSetting] = 3,
        });
        var driver = new MachineDriver(new CatalogExclusionMachine(), policy, Seller);
        var events = Letter(Remedied(History()), "2026-03-11T12:00:00Z").Events;
        for (var day = Excluded; day <= Day14; day += Duration.FromDays(1)) driver.Step(day, events, Evaluation(exclude: true));
        var exclusion = driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(ReinstatementChecklist.Improved, exclusion.Get("failed"));
        Assert.Equal(HandMade.Day(2026, 3, 22), exclusion.DueAt);
        Assert.Equal(HandMade.Day(2026, 3, 11) + Duration.FromHours(12) + Duration.FromDays(3), driver.Only(CaseKinds.Letter).DueAt);
    }

    [Fact]
    public void The_promua_pack_declares_exactly_the_settings_the_machine_reads() =>
        Assert.Equal(
            new[] { CatalogExclusionMachine.MinDaysSetting, CatalogExclusionMachine.AnswerDaysSetting, CatalogExclusionMachine.RatingRiseSetting, CatalogExclusionMachine.RecheckEverySetting }.Order(),
            Standing.Policies.BuiltInPacks.Load("promua").Settings.Keys.Order());

    [Fact]
    public void An_exclusion_in_the_afternoon_is_still_rechecked_at_the_start_of_day_14()
    {
        var afternoon = Excluded + Duration.FromHours(15);
        var events = Letter(Remedied(History()), "2026-03-11T12:00:00Z").Events;
        _driver.Step(afternoon, events, Evaluation(exclude: true));
        Assert.Equal(Day14, _driver.Only(CaseKinds.CatalogExclusion).DueAt);
        _driver.Step(Day14, events, Evaluation(exclude: true));
        Assert.Equal(CaseStates.Reinstated, _driver.Only(CaseKinds.CatalogExclusion).State);
    }

    [Fact]
    public void A_new_complaint_since_the_exclusion_keeps_the_seller_out()
    {
        var s = Letter(Remedied(History()), "2026-03-11T12:00:00Z");
        s.Add(EventType.ComplaintFiled, "2026-03-08T10:00:00Z", e => e with { Complaint = "k-1", Order = "o5", Kind = "service" });
        Daily(s.Events, Day14);
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(CaseStates.Excluded, exclusion.State);
        Assert.Equal(ReinstatementChecklist.NothingNew, exclusion.Get("failed"));
        Assert.Contains(_driver.Notices.Last().Lines, l => l.Contains("complaints [k-1]", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unworked_negative_review_a_fake_review_and_a_new_negative_each_fail()
    {
        var s = History();
        s.Add(EventType.ReviewReplied, "2026-03-03T09:00:00Z", e => e with { Review = "r3" }); // r4 left alone
        s.Review("o5", 5, "2026-03-05T10:00:00Z", "r5");
        s.Review("o6", 5, "2026-03-06T10:00:00Z", "r6");
        s.Add(EventType.ReviewFlaggedFake, "2026-03-07T10:00:00Z", e => e with { Review = "r6" });
        s.Review("o7", 2, "2026-03-09T10:00:00Z", "r7");
        s.Add(EventType.ReviewReplied, "2026-03-09T11:00:00Z", e => e with { Review = "r7" });
        Letter(s, "2026-03-11T12:00:00Z");
        Daily(s.Events, Day14);
        var failed = _driver.Only(CaseKinds.CatalogExclusion).Get("failed")!.Split(',');
        Assert.Equal([ReinstatementChecklist.Worked, ReinstatementChecklist.NoFakes, ReinstatementChecklist.NothingNew], failed);
    }

    /// <summary>Ten 4-star and two 1-star reviews: (40+2)/12 = 3.5; one new 4-star: 46/13 ≈ 3.538,
    /// a rise of 0.038 &lt; 0.1 — an insignificant improvement.</summary>
    [Fact]
    public void An_insignificant_rating_rise_fails()
    {
        var s = new EventScript(Seller);
        for (var i = 1; i <= 10; i++) s.Review($"o{i}", 4, $"2026-02-{i:00}T10:00:00Z", $"r{i}");
        s.Review("o11", 1, "2026-02-11T10:00:00Z", "r11").Review("o12", 1, "2026-02-12T10:00:00Z", "r12");
        s.Add(EventType.ReviewResolved, "2026-03-02T10:00:00Z", e => e with { Review = "r11" });
        s.Add(EventType.ReviewResolved, "2026-03-02T10:00:00Z", e => e with { Review = "r12" });
        s.Review("o13", 4, "2026-03-05T10:00:00Z", "r13");
        Letter(s, "2026-03-06T10:00:00Z");
        Daily(s.Events, Day14);
        var exclusion = _driver.Only(CaseKinds.CatalogExclusion);
        Assert.Equal(ReinstatementChecklist.Improved, exclusion.Get("failed"));
        Assert.Contains(_driver.Notices.Last().Lines, l => l.Contains("rating 3.5 → 3.54", StringComparison.Ordinal));
    }

    [Fact]
    public void Running_the_same_day_twice_changes_nothing()
    {
        var events = Remedied(History()).Events;
        Daily(events, Day14);
        var before = (_driver.Cases.ToList(), _driver.Audit.Count, _driver.Notices.Count);
        var again = _driver.Step(Day14, events, Evaluation(exclude: true));
        Assert.False(again.HasChanges);
        Assert.Equal(before.Item1, _driver.Cases);
        Assert.Equal(before.Item2, _driver.Audit.Count);
    }

    [Fact]
    public void Letters_become_cases_the_operator_must_answer_within_14_days()
    {
        var events = Letter(Remedied(History()), "2026-03-11T12:00:00Z").Events;
        Daily(events, Day14);
        var letter = _driver.Only(CaseKinds.Letter);
        Assert.Equal(CaseStates.AwaitingAnswer, letter.State);
        Assert.Equal(Instant.FromUtc(2026, 3, 25, 12, 0), letter.DueAt); // 11 March 12:00 + 14 days
        Assert.True(CaseStates.AwaitsPerson(letter.State));

        var book = _driver.Book();
        Assert.Null(DecisionRules.Apply(book, letter, new Decision(Decision.Answer), "olena", "thank you, noted", Instant.FromUtc(2026, 3, 26, 9, 0), []));
        _driver.Apply(book);
        var answered = _driver.Only(CaseKinds.Letter);
        Assert.Equal(CaseStates.Answered, answered.State);
        Assert.Contains("late: due 2026-03-25T12:00:00Z", _driver.Audit.Last().Reason);
    }

    [Fact]
    public void After_reinstatement_old_reviews_alone_do_not_exclude_again()
    {
        var s = Letter(Remedied(History()), "2026-03-11T12:00:00Z");
        Daily(s.Events, Day14 + Duration.FromDays(3)); // the outcome keeps triggering on the old rates
        Assert.Single(_driver.Cases, c => c.Kind == CaseKinds.CatalogExclusion);

        s.Review("o9", 1, "2026-03-20T10:00:00Z", "r9");
        _driver.Step(HandMade.Day(2026, 3, 21), s.Events, Evaluation(exclude: true));
        Assert.Equal(2, _driver.Cases.Count(c => c.Kind == CaseKinds.CatalogExclusion));
    }
}
