using System.Text.Json;
using Standing.Core.Events;
using Standing.Data.Ndjson;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// Enforcement through the real <c>standing</c> command, against SQLite and a real PostgreSQL: the
/// daily job, replays, case decisions, disputes. Dates of the Prom.ua history: see <see cref="PromuaHistory"/>.
/// </summary>
public abstract class EnforcementContract : IDisposable
{
    protected TempFolder Temp { get; } = new();

    /// <summary>A --db target for a new, empty store.</summary>
    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Policy => Temp.Write("promua.yaml", PromuaHistory.Policy);

    private protected string StoreWith(string ndjson)
    {
        var target = NewTarget();
        var ingest = StandingProcess.Run("ingest", Temp.Write($"events-{Guid.NewGuid():N}.ndjson", ndjson), "--db", target);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        return target;
    }

    private protected static StandingProcess.Result Ok(params string[] args)
    {
        var run = StandingProcess.Run(args);
        Assert.True(run.ExitCode == 0, $"standing {string.Join(' ', args)} failed ({run.ExitCode}): {run.Stderr}");
        return run;
    }

    private protected static JsonElement[] Cases(string target, params string[] filters)
    {
        var list = Ok(["cases", "list", "--db", target, "--format", "json", .. filters]);
        return JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToArray();
    }

    private static JsonElement One(JsonElement[] cases, string seller, string kind) =>
        Assert.Single(cases, c => c.GetProperty("seller").GetString() == seller && c.GetProperty("kind").GetString() == kind);

    [Fact]
    public void A_full_promua_exclusion_replayed_day_by_day_reinstates_with_the_letter_and_keeps_out_without()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Policy);
        var cases = Cases(target);

        var reinstated = One(cases, "shop-letter", "catalog_exclusion");
        Assert.Equal("promua", reinstated.GetProperty("policy").GetString());
        Assert.Equal("reinstated", reinstated.GetProperty("state").GetString());
        Assert.Equal("2026-02-28T22:00:00Z", reinstated.GetProperty("opened_at").GetString()); // 1 March, Kyiv midnight
        Assert.Equal("2026-03-14T22:00:00Z", reinstated.GetProperty("closed_at").GetString()); // day 14

        var excluded = One(cases, "shop-silent", "catalog_exclusion");
        Assert.Equal("excluded", excluded.GetProperty("state").GetString());
        Assert.Equal("2026-03-28T22:00:00Z", excluded.GetProperty("due_at").GetString()); // day 28, still +02:00 before the DST switch
        Assert.Equal("improvement_letter", excluded.GetProperty("data").GetProperty("failed").GetString());

        var show = Ok("cases", "show", "--db", target, excluded.GetProperty("id").GetString()!, "--format", "json");
        var notices = JsonDocument.Parse(show.Stdout).RootElement.GetProperty("notices").EnumerateArray().ToList();
        var told = Assert.Single(notices, n => n.GetProperty("kind").GetString() == "recheck_result");
        Assert.Contains(told.GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("no improvement letter", StringComparison.Ordinal));

        // The letter waits for the operator's answer: due 11 March 12:00 (+02:00) + 14 days.
        var letter = One(cases, "shop-letter", "letter");
        Assert.Equal("awaiting_answer", letter.GetProperty("state").GetString());
        Assert.Equal("2026-03-25T10:00:00Z", letter.GetProperty("due_at").GetString());
    }

    [Fact]
    public void Replaying_a_period_gives_the_cases_of_daily_runs_and_running_again_changes_nothing()
    {
        var ndjson = PromuaHistory.Ndjson();
        var replayed = StoreWith(ndjson);
        Ok("run", "--db", replayed, "--from", "2026-03-01", "--to", "2026-03-16", "--policy", Policy);
        var daily = StoreWith(ndjson);
        for (var day = 1; day <= 16; day++) Ok("run", "--db", daily, "--as-of", $"2026-03-{day:00}", "--policy", Policy);

        var expected = Ok("cases", "list", "--db", replayed, "--format", "json").Stdout;
        Assert.Equal(expected, Ok("cases", "list", "--db", daily, "--format", "json").Stdout);
        Assert.Equal(3, Cases(replayed).Length); // two exclusions and the letter, nothing else

        Ok("run", "--db", replayed, "--as-of", "2026-03-16", "--policy", Policy);
        Ok("run", "--db", replayed, "--from", "2026-03-10", "--to", "2026-03-16", "--policy", Policy);
        Assert.Equal(expected, Ok("cases", "list", "--db", replayed, "--format", "json").Stdout);
    }

    [Fact]
    public void A_policy_judged_against_peers_run_daily_gives_the_cases_and_notices_of_a_replay()
    {
        // Daily runs measure the peer pool on their walk over the stored facts and read again only the companies
        // with a case or an outcome; the replay judges the pool first and evaluates every company from its facts.
        var ndjson = PromuaHistory.Ndjson() + PromuaHistory.Peers();
        Assert.Contains("peer:", PromuaHistory.PeerPolicy, StringComparison.Ordinal);
        var policy = Temp.Write("promua-peers.yaml", PromuaHistory.PeerPolicy);
        var replayed = StoreWith(ndjson);
        Ok("run", "--db", replayed, "--from", "2026-03-01", "--to", "2026-03-16", "--policy", policy);
        var daily = StoreWith(ndjson);
        for (var day = 1; day <= 16; day++) Ok("run", "--db", daily, "--as-of", $"2026-03-{day:00}", "--policy", policy, "--batch", "2");

        var expected = Ok("cases", "list", "--db", replayed, "--format", "json").Stdout;
        Assert.Equal(expected, Ok("cases", "list", "--db", daily, "--format", "json").Stdout);
        Assert.Equal(Ok("outbox", "list", "--db", replayed, "--format", "json").Stdout, Ok("outbox", "list", "--db", daily, "--format", "json").Stdout);
        var cases = Cases(daily);
        Assert.Equal("reinstated", One(cases, "shop-letter", "catalog_exclusion").GetProperty("state").GetString());
        Assert.Equal("excluded", One(cases, "shop-silent", "catalog_exclusion").GetProperty("state").GetString());
        One(cases, "shop-letter", "letter");
        Assert.Equal(3, cases.Length);
    }

    [Fact]
    public void People_decide_what_the_state_allows_and_are_told_why_otherwise()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-05", "--policy", Policy);
        var exclusion = One(Cases(target), "shop-silent", "catalog_exclusion").GetProperty("id").GetString()!;

        var early = StandingProcess.Run("cases", "decide", exclusion, "--db", target, "--decision", "reinstate", "--by", "olena", "--note", "wrote to us", "--at", "2026-03-05T12:00:00Z");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("refused: case " + exclusion + " is in its minimum exclusion until 2026-03-14T22:00:00Z", early.Stderr);
        var wrong = StandingProcess.Run("cases", "decide", exclusion, "--db", target, "--decision", "fine:200", "--by", "olena", "--note", "x", "--at", "2026-03-05T12:00:00Z");
        Assert.Equal(1, wrong.ExitCode);
        // Nothing is open before day 14 of the exclusion, reinstate from then (docs/enforcement.md).
        Assert.Contains("\"fine:200\" is not allowed there; none before 2026-03-14T22:00:00Z, then: reinstate", wrong.Stderr);
        var unknown = StandingProcess.Run("cases", "decide", "no-such-case", "--db", target, "--decision", "confirm", "--by", "olena", "--note", "x");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no case \"no-such-case\"", unknown.Stderr);

        // The store's time ends with the run of 5 March: a decision dated after the minimum exclusion is forced.
        Ok("cases", "decide", exclusion, "--db", target, "--decision", "reinstate", "--by", "olena", "--note", "appeal upheld", "--at", "2026-03-16T09:00:00Z", "--force-at");
        var show = JsonDocument.Parse(Ok("cases", "show", exclusion, "--db", target, "--format", "json").Stdout).RootElement;
        Assert.Equal("reinstated", show.GetProperty("state").GetString());
        var last = show.GetProperty("audit").EnumerateArray().Last();
        Assert.Equal("person:olena", last.GetProperty("actor").GetString());
        Assert.Contains("appeal upheld", last.GetProperty("reason").GetString());
        Assert.Single(Cases(target, "--state", "reinstated"));
        Assert.Single(Cases(target, "--seller", "shop-letter", "--state", "excluded"));
    }

    [Fact]
    public void Unanswered_letters_past_14_days_are_listed_as_overdue()
    {
        var target = StoreWith(PromuaHistory.Ndjson());
        Ok("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-26", "--policy", Policy);
        var run = Ok("run", "--db", target, "--as-of", "2026-03-26", "--policy", Policy);
        Assert.Contains("overdue: promua.letter.shop-letter.20260311", run.Stdout);
        Assert.Empty(Cases(target, "--overdue", "--at", "2026-03-25T09:59:59Z"));
        var overdue = Assert.Single(Cases(target, "--overdue", "--at", "2026-03-25T10:00:01Z"));
        Assert.Equal("letter", overdue.GetProperty("kind").GetString());

        Ok("cases", "decide", overdue.GetProperty("id").GetString()!, "--db", target, "--decision", "answer", "--by", "olena", "--note", "thanks, re-check on the 15th", "--at", "2026-03-26T09:00:00Z");
        Assert.Empty(Cases(target, "--overdue", "--at", "2026-03-27T00:00:00Z"));
    }

    /// <summary>
    /// Congocrea with every built-in pack enabled (the default): 200 orders placed one an hour from
    /// 2026-04-01, one-star reviews on orders 1–3 — ODR 3/200 = 1.5%, 3 defects since the first sale, 3
    /// in 60 days: the automatic warning, with the three orders in its summary.
    /// </summary>
    [Fact]
    public void The_default_run_warns_a_congocrea_shop_with_its_performance_summary()
    {
        var events = new List<StandingEvent>();
        var t0 = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        for (var i = 1; i <= 200; i++)
            events.Add(new StandingEvent { Id = $"p{i}", Type = EventType.OrderPlaced, At = t0 + NodaTime.Duration.FromHours(i - 1), Seller = "shop-c", Order = $"o-{i}" });
        for (var i = 1; i <= 3; i++)
            events.Add(new StandingEvent { Id = $"r{i}", Type = EventType.ReviewPosted, At = NodaTime.Instant.FromUtc(2026, 4, 10, 10, i), Seller = "shop-c", Review = $"rv-{i}", Order = $"o-{i}", Stars = 1 });
        var target = StoreWith(string.Concat(events.Select(e => NdjsonEventWriter.ToLine(e) + "\n")));
        Ok("run", "--db", target, "--as-of", "2026-04-15");
        Ok("run", "--db", target, "--as-of", "2026-04-16");

        // Every built-in pack ran; Congocrea's case is the warning (other packs may open their own cases).
        var warning = Assert.Single(Cases(target, "--policy", "congocrea"));
        Assert.Equal("warning", warning.GetProperty("kind").GetString());
        Assert.Equal("issued", warning.GetProperty("state").GetString());
        Assert.Equal("2026-07-14T00:00:00Z", warning.GetProperty("due_at").GetString()); // 15 April + 90 days
        var show = JsonDocument.Parse(Ok("cases", "show", warning.GetProperty("id").GetString()!, "--db", target, "--format", "json").Stdout).RootElement;
        var notice = Assert.Single(show.GetProperty("notices").EnumerateArray());
        Assert.Equal(["o-1", "o-2", "o-3"], notice.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        var odr = show.GetProperty("audit")[0].GetProperty("snapshot").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "odr");
        Assert.Equal(3, odr.GetProperty("numerator").GetInt64());
        Assert.Equal(200, odr.GetProperty("denominator").GetInt64());

        // A person's calls: no second warning while one is open; a suspension proposal with the evidence.
        var twice = StandingProcess.Run("cases", "open", "--db", target, "--seller", "shop-c", "--policy", "congocrea", "--kind", "warning", "--by", "marie", "--note", "rude", "--at", "2026-04-16T09:00:00Z");
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("refused: warning " + warning.GetProperty("id").GetString() + " is open until 2026-07-14", twice.Stderr);
        Ok("cases", "open", "--db", target, "--seller", "shop-c", "--policy", "congocrea", "--kind", "suspension_proposal", "--by", "marie", "--note", "fake listings", "--at", "2026-04-16T09:00:00Z");
        var proposal = Assert.Single(Cases(target, "--kind", "suspension_proposal"));
        Assert.Equal("proposed", proposal.GetProperty("state").GetString());
        Assert.Equal(["confirm", "dismiss"], proposal.GetProperty("allowed_decisions").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void An_accepted_dispute_leaves_the_metric_from_then_on_and_explain_says_who_and_why()
    {
        var events = new List<StandingEvent>();
        var t0 = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        for (var i = 1; i <= 10; i++)
            events.Add(new StandingEvent { Id = $"p{i}", Type = EventType.OrderPlaced, At = t0 + NodaTime.Duration.FromHours(i), Seller = "shop-d", Order = $"o-{i}" });
        events.Add(new StandingEvent { Id = "r1", Type = EventType.ReviewPosted, At = NodaTime.Instant.FromUtc(2026, 4, 5, 10, 0), Seller = "shop-d", Review = "rv-1", Order = "o-1", Stars = 1 });
        var target = StoreWith(string.Concat(events.Select(e => NdjsonEventWriter.ToLine(e) + "\n")));

        var bad = StandingProcess.Run("disputes", "open", "--db", target, "--seller", "shop-d", "--policy", "congocrea", "--item", "o-99", "--reason", "x");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--item \"o-99\": no order, review or case of seller \"shop-d\" has this id", bad.Stderr);

        var id = Ok("disputes", "open", "--db", target, "--seller", "shop-d", "--policy", "congocrea", "--metric", "odr", "--item", "o-1",
            "--reason", "buyer reviewed the wrong shop", "--at", "2026-04-06T08:00:00Z").Stdout.Trim();
        // The events end on 5 April: a decision dated two days later is forced.
        Ok("disputes", "decide", id, "--db", target, "--decision", "accept", "--by", "amina", "--note", "confirmed with the buyer", "--at", "2026-04-07T08:00:00Z", "--force-at");
        var again = StandingProcess.Run("disputes", "decide", id, "--db", target, "--decision", "reject", "--by", "x", "--note", "y");
        Assert.Contains("a decision is final", again.Stderr);

        // ODR over 10 orders with one defect: 1/10 before; without o-1 afterwards: 0/9.
        var before = Ok("explain", "--db", target, "--policy", "congocrea", "--as-of", "2026-04-07T08:00:00Z", "--seller", "shop-d", "--metric", "odr").Stdout;
        Assert.Contains("1/10", before);
        Assert.DoesNotContain("excluded by accepted disputes", before);
        var after = Ok("explain", "--db", target, "--policy", "congocrea", "--as-of", "2026-04-08", "--seller", "shop-d", "--metric", "odr", "--items", "all").Stdout;
        Assert.Contains("0/9", after);
        Assert.Contains("1 excluded by accepted disputes", after); // the summary, before the items
        Assert.Contains("excluded by accepted disputes: 1", after);
        Assert.Contains($"o-1  dispute {id} accepted by amina at 2026-04-07T08:00:00Z: confirmed with the buyer", after);
        var evaluate = JsonDocument.Parse(Ok("evaluate", "--db", target, "--policy", "congocrea", "--as-of", "2026-04-08", "--format", "json").Stdout).RootElement;
        Assert.Equal(9, evaluate.GetProperty("sellers")[0].GetProperty("metrics")[0].GetProperty("denominator").GetInt64());
    }

    [Fact]
    public void A_case_s_notices_read_by_its_seller_are_the_notices_read_by_the_case_alone()
    {
        // Two Congocrea shops warned on the same day (3 one-star reviews in 100 orders each): each has its own notice.
        var events = new List<StandingEvent>();
        var t0 = NodaTime.Instant.FromUtc(2026, 4, 1, 0, 0);
        foreach (var shop in new[] { "shop-n1", "shop-n2" })
        {
            for (var i = 1; i <= 100; i++)
                events.Add(new StandingEvent { Id = $"{shop}-p{i}", Type = EventType.OrderPlaced, At = t0 + NodaTime.Duration.FromHours(i - 1), Seller = shop, Order = $"{shop}-o-{i}" });
            for (var i = 1; i <= 3; i++)
                events.Add(new StandingEvent { Id = $"{shop}-r{i}", Type = EventType.ReviewPosted, At = NodaTime.Instant.FromUtc(2026, 4, 10, 10, i), Seller = shop, Review = $"{shop}-rv-{i}", Order = $"{shop}-o-{i}", Stars = 1 });
        }
        var target = StoreWith(string.Concat(events.Select(e => NdjsonEventWriter.ToLine(e) + "\n")));
        Ok("run", "--db", target, "--as-of", "2026-04-15", "--policy", "congocrea");

        using var store = Standing.Data.Enforcement.EnforcementStore.Open(target);
        var cases = store.Cases("congocrea");
        Assert.Equal(["shop-n1", "shop-n2"], cases.Select(c => c.Seller).Order(StringComparer.Ordinal));
        foreach (var c in cases)
        {
            var byCase = store.Notices(c.Id).Select(n => (n.Seller, n.Id, n.At, n.Body)).ToList();
            Assert.NotEmpty(byCase);
            Assert.Equal(byCase, store.Notices(c.Seller, c.Id).Select(n => (n.Seller, n.Id, n.At, n.Body)));
            // Another seller's rows never hold this case's notices.
            Assert.Empty(store.Notices(c.Seller == "shop-n1" ? "shop-n2" : "shop-n1", c.Id));
        }
    }
}

public sealed class SqliteEnforcementTests : EnforcementContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"enforce{++_n}.db");
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEnforcementTests(PostgresCluster cluster) : EnforcementContract
{
    private int _n;

    // Alternate the two spellings of a target: connection string and URL.
    protected override string NewTarget()
    {
        var connectionString = cluster.NewDatabase();
        return ++_n % 2 == 0 ? cluster.Url(connectionString) : connectionString;
    }
}
