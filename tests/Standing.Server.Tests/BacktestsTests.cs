using System.Net;
using System.Text.Json;
using Standing.Policies;

namespace Standing.Server.Tests;

/// <summary>
/// <c>/v1/backtests</c> on a real server over <see cref="Marketplace"/>: an admin starts a backtest of a
/// relaxed Congocrea (ODR threshold 50 % instead of 1 %) against the pack from 2026-03-04 to 2026-03-06;
/// it runs in the background, leaves the store's cases as they were, and its result is worked out by
/// hand from the standard: shop-a's 10 orders of 2 March get their three 1–2 star reviews on 5 March at
/// 10:00, so as of midnight on 4 and 5 March both shops have an ODR of 0 (good), and as of 6 March shop-a
/// has 3/10 = 30 %: a breach of "under 1 %" with 3 defective orders since its first sale and 3 ≥ 2 in
/// 60 days, so the pack warns it; 30 % is under the relaxed 50 %, so the candidate spares it.
/// </summary>
public abstract class BacktestsTests
{
    private protected abstract IStoreTarget Stores { get; }

    /// <summary>Congocrea with the ODR limit moved from 1 % to 50 % (the standard and the warning rule both).</summary>
    internal static string Relaxed()
    {
        var yaml = BuiltInPacks.Yaml("congocrea");
        Assert.Contains("threshold: 0.01\n", yaml, StringComparison.Ordinal);
        Assert.Contains("{ metric: odr, op: ge, value: 0.01 }", yaml, StringComparison.Ordinal);
        return yaml.Replace("threshold: 0.01\n", "threshold: 0.5\n", StringComparison.Ordinal)
            .Replace("{ metric: odr, op: ge, value: 0.01 }", "{ metric: odr, op: ge, value: 0.5 }", StringComparison.Ordinal)
            .Replace("version: \"1\"", "version: \"2-relaxed\"", StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal static string Body(object request) => JsonSerializer.Serialize(request, SnakeCase);

    internal static async Task<JsonElement> Finished(HttpClient client, string id)
    {
        for (var i = 0; i < 1200; i++)
        {
            var run = await client.GetAsync($"/v1/backtests/{id}").Json();
            if (run.Str("state") is "done" or "failed" or "interrupted") return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"backtest {id} did not finish in two minutes");
    }

    /// <summary>What the store holds of enforcement, as the API lists it: cases with their audit, runs, notices.</summary>
    private static async Task<string> Enforcement(HttpClient admin)
    {
        var cases = await admin.GetAsync("/v1/cases?limit=1000").Json();
        var shown = new List<string>();
        foreach (var c in cases.EnumerateArray()) shown.Add((await admin.GetAsync($"/v1/cases/{c.Str("id")}").Json()).GetRawText());
        return string.Join('\n', shown) + (await admin.GetAsync("/v1/runs").Json()).GetRawText() + (await admin.GetAsync("/v1/notices").Json()).GetRawText();
    }

    [Fact]
    public async Task An_admin_starts_a_backtest_that_runs_in_the_background_leaves_the_cases_alone_and_answers_the_hand_worked_result()
    {
        await using var server = await ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        var admin = server.Client("admin");
        // A real case in the store first (shop-a's warning of the daily job as of 1 April), to see it untouched.
        await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var before = await Enforcement(admin);
        Assert.Contains("shop-a", before, StringComparison.Ordinal);

        using var response = await admin.PostAsync("/v1/backtests", ServerHarness.Json(Body(new
        {
            PolicyYaml = Relaxed(), Baseline = "congocrea", From = "2026-03-04", To = "2026-03-06",
        })));
        var started = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = started.Str("id");
        Assert.Equal($"/v1/backtests/{id}", response.Headers.Location?.OriginalString);
        Assert.Contains(started.Str("state"), new[] { "queued", "running", "done" });
        Assert.Equal("admin", started.Str("started_by"));

        var run = await Finished(server.Client("reviewer"), id);
        Assert.True(run.Str("state") == "done", run.GetRawText());
        Assert.Equal(before, await Enforcement(admin));

        var result = run.GetProperty("result");
        Assert.Equal("congocrea", result.Str("standard"));
        Assert.Equal("policy_yaml", result.GetProperty("candidate").Str("source"));
        Assert.Equal("2-relaxed", result.GetProperty("candidate").Str("version"));
        Assert.Equal("congocrea", result.GetProperty("baseline").Str("source"));
        var days = result.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-03-04", "2026-03-05", "2026-03-06"], days.Select(d => d.Str("date")));
        // Good, good, then the pack's breach and warning for shop-a; the relaxed set keeps both shops good.
        int Count(JsonElement day, string side, string group, string name) =>
            day.GetProperty(side).GetProperty(group).TryGetProperty(name, out var n) ? n.GetInt32() : 0;
        foreach (var day in days[..2])
        {
            foreach (var side in new[] { "baseline", "candidate" })
            {
                Assert.Equal(2, day.GetProperty(side).GetProperty("sellers").GetInt32());
                Assert.Equal(2, Count(day, side, "statuses", "good"));
                Assert.Equal(0, Count(day, side, "taken", "warning"));
            }
        }
        Assert.Equal((1, 1, 1), (Count(days[2], "baseline", "statuses", "breach"), Count(days[2], "baseline", "statuses", "good"), Count(days[2], "baseline", "taken", "warning")));
        Assert.Equal((0, 2, 0), (Count(days[2], "candidate", "statuses", "breach"), Count(days[2], "candidate", "statuses", "good"), Count(days[2], "candidate", "taken", "warning")));
        var difference = Assert.Single(result.GetProperty("differences").EnumerateArray());
        Assert.Equal(("shop-a", "2026-03-06", "warning", "none", 1),
            (difference.Str("seller"), difference.Str("first_day"), difference.Str("baseline"), difference.Str("candidate"), difference.GetProperty("days_differing").GetInt32()));
        Assert.Equal(1, result.GetProperty("first_actions").GetProperty("spared").GetInt32());

        using var report = await server.Client("operator").GetAsync(run.Str("report"));
        var html = await report.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Backtest of congocrea, 2026-03-04 to 2026-03-06", html, StringComparison.Ordinal);
        Assert.Contains("shop-a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var listed = Assert.Single((await server.Client("operator").GetAsync("/v1/backtests").Json()).EnumerateArray());
        Assert.Equal((id, "done"), (listed.Str("id"), listed.Str("state")));
        Assert.False(listed.TryGetProperty("result", out var r) && r.ValueKind != JsonValueKind.Null); // the list stays light
    }

    /// <summary>
    /// The backtest of the first test, kept in the store: a new server on the same store serves the same
    /// result and report. Then the store is left as a server killed mid-replay leaves it (the run running,
    /// no report): the next server shows it interrupted with the reason, an admin starts it again (same
    /// id, a second attempt) and it ends with the same report as the first time (same store, same request).
    /// </summary>
    [Fact]
    public async Task A_backtest_survives_a_restart_and_one_a_stopped_server_left_is_interrupted_and_started_again()
    {
        static ServerOptions Clock(ServerOptions o) => o with { Clock = new FixedClock(FixedClock.DayAfter) };
        var server = await ServerHarness.Start(Stores.NewTarget(), Clock);
        try
        {
            var admin = server.Client("admin");
            var id = (await admin.PostAsync("/v1/backtests", ServerHarness.Json(Body(new { PolicyYaml = Relaxed(), Baseline = "congocrea", From = "2026-03-04", To = "2026-03-06" })))
                .Json(HttpStatusCode.Accepted)).Str("id");
            var second = (await admin.PostAsync("/v1/backtests", ServerHarness.Json(Body(new { Policy = "congocrea", Baseline = "congocrea", From = "2026-03-05", To = "2026-03-06" })))
                .Json(HttpStatusCode.Accepted)).Str("id");
            var done = await Finished(admin, id);
            Assert.True(done.Str("state") == "done", done.GetRawText());
            Assert.Equal("done", (await Finished(admin, second)).Str("state"));
            var html = await admin.GetStringAsync($"/v1/backtests/{id}/report");

            server = await ServerHarness.Again(server, Clock);
            var reviewer = server.Client("reviewer");
            var kept = await reviewer.GetAsync($"/v1/backtests/{id}").Json();
            Assert.Equal(("done", 1), (kept.Str("state"), kept.GetProperty("attempts").GetInt32()));
            Assert.Equal(done.GetProperty("result").GetRawText(), kept.GetProperty("result").GetRawText());
            Assert.Equal(html, await reviewer.GetStringAsync($"/v1/backtests/{id}/report"));
            // Paged over the store: both runs (asked at the same instant, so by id), one a page.
            using var first = await reviewer.GetAsync("/v1/backtests?limit=1");
            var cursor = first.Headers.GetValues("Next-Cursor").Single();
            var paged = new[] { (await Task.FromResult(first).Json()).EnumerateArray().Single().Str("id"),
                (await reviewer.GetAsync($"/v1/backtests?limit=1&cursor={cursor}").Json()).EnumerateArray().Single().Str("id") };
            Assert.Equal(new[] { id, second }.Order(StringComparer.Ordinal), paged);

            // Killed mid-replay: running, no report.
            await server.DisposeAsync();
            StoreSql.Execute(server.Target, $"UPDATE backtest_runs SET state = 'running', finished_at = NULL, report_json = NULL, report_html = NULL WHERE id = '{id}'");
            server = await ServerHarness.Again(server, Clock);
            reviewer = server.Client("reviewer");
            admin = server.Client("admin");
            var interrupted = await reviewer.GetAsync($"/v1/backtests/{id}").Json();
            Assert.Equal("interrupted", interrupted.Str("state"));
            Assert.Contains("server stopped", interrupted.Str("error"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, interrupted.GetProperty("result").ValueKind);
            Assert.Equal(JsonValueKind.Null, interrupted.GetProperty("report").ValueKind);
            Assert.Contains("interrupted", (await reviewer.GetAsync($"/v1/backtests/{id}/report").Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
            Assert.Equal("done", (await reviewer.GetAsync($"/v1/backtests/{second}").Json()).Str("state")); // a done run is left as it was

            await server.Client("operator").PostAsync($"/v1/backtests/{id}/restart", null).Problem(HttpStatusCode.Forbidden);
            await admin.PostAsync($"/v1/backtests/{second}/restart", null).Problem(HttpStatusCode.Conflict);
            using var restarted = await admin.PostAsync($"/v1/backtests/{id}/restart", null);
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
            Assert.Equal($"/v1/backtests/{id}", restarted.Headers.Location?.OriginalString);
            var again = JsonDocument.Parse(await restarted.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(2, again.GetProperty("attempts").GetInt32());
            var redone = await Finished(reviewer, id);
            Assert.Equal(("done", 2), (redone.Str("state"), redone.GetProperty("attempts").GetInt32()));
            Assert.Equal(done.GetProperty("result").GetRawText(), redone.GetProperty("result").GetRawText());
            Assert.Equal(html, await reviewer.GetStringAsync($"/v1/backtests/{id}/report"));
            await admin.PostAsync($"/v1/backtests/{id}/restart", null).Problem(HttpStatusCode.Conflict);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_nothing_is_started()
    {
        await using var server = await ServerHarness.Start(Stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        var admin = server.Client("admin");
        Task<HttpResponseMessage> Post(object request) => admin.PostAsync("/v1/backtests", ServerHarness.Json(Body(request)));

        // A candidate that does not load: every error with its line and column.
        var broken = BuiltInPacks.Yaml("congocrea").Replace("threshold: 0.01\n", "threshold: lots\n", StringComparison.Ordinal);
        var lineOfThreshold = broken.Split('\n').ToList().FindIndex(l => l.Contains("threshold: lots", StringComparison.Ordinal)) + 1;
        var problem = await Post(new { PolicyYaml = broken, Baseline = "congocrea", From = "2026-03-04", To = "2026-03-06" }).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("policy_yaml", problem.Str("detail"), StringComparison.Ordinal);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(lineOfThreshold, error.GetProperty("line").GetInt32());
        Assert.Equal("threshold: ".Length + 7, error.GetProperty("column").GetInt32()); // "      threshold: lots": the value's column

        problem = await Post(new { Policy = "congocrea", Baseline = "mall", From = "2026-03-04", To = "2026-03-06" }).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("baseline", problem.Str("field"));
        Assert.Contains("standard mall", problem.Str("detail"), StringComparison.Ordinal);

        problem = await Post(new { Policy = "congocrea", Baseline = "congocrea", From = "2026-03-06", To = "2026-03-04" }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("to", problem.Str("field"));
        Assert.Contains("before from", problem.Str("detail"), StringComparison.Ordinal);

        // The store's events are all on 2 and 5 March 2026.
        problem = await Post(new { Policy = "congocrea", Baseline = "congocrea", From = "2025-01-01", To = "2025-01-31" }).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no event from 2025-01-01 to 2025-01-31", problem.Str("detail"), StringComparison.Ordinal);

        problem = await Post(new { Policy = "congocrea", Baseline = "congocrea", From = "2026-02-30", To = "2026-03-04" }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("from", problem.Str("field"));
        problem = await Post(new { Policy = "nope", Baseline = "congocrea", From = "2026-03-04", To = "2026-03-06" }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("policy", problem.Str("field"));
        problem = await Post(new { Policy = "congocrea", From = "2026-03-04", To = "2026-03-06" }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("baseline", problem.Str("field"));
        problem = await Post(new { Policy = "congocrea", GuardCompare = true, From = "2026-03-04", To = "2026-03-06" }).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("guard_compare", problem.Str("field"));
        problem = await Post(new { Policy = "congocrea", Baseline = "congocrea", From = "2024-01-01", To = "2026-03-06" }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("to", problem.Str("field"));

        Assert.Empty((await admin.GetAsync("/v1/backtests").Json()).EnumerateArray());
        await admin.GetAsync("/v1/backtests/bt-000000000000").Problem(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteBacktestsTests : BacktestsTests, IDisposable
{
    private readonly SqliteTarget _stores = new();

    private protected override IStoreTarget Stores => _stores;

    public void Dispose() => _stores.Dispose();
}

[Collection(Standing.Store.Tests.PostgresCollection.Name)]
public sealed class PostgresBacktestsTests(Standing.Store.Tests.PostgresCluster cluster) : BacktestsTests
{
    private protected override IStoreTarget Stores { get; } = new PostgresTarget(cluster);
}
