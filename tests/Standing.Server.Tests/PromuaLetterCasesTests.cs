using NodaTime;

namespace Standing.Server.Tests;

/// <summary>
/// The Prom.ua exclusion scenario of the CLI's acceptance tests (tests/Standing.Cli.Tests/Acceptance/
/// PromuaLetterAcceptanceTests.cs, promua-letter.ndjson, worked out by hand from the standard there) through the
/// HTTP API: the events posted to <c>POST /v1/events</c>, the daily job run day by day with <c>POST /v1/runs</c>
/// from 2026-04-01 to 2026-04-16, and the cases read with <c>GET /v1/cases</c> — the same states and dates.
/// </summary>
public sealed class PromuaLetterCasesTests : IDisposable
{
    private readonly SqliteTarget _stores = new();

    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "Scenarios", "promua-letter.ndjson");

    [Fact]
    public async Task The_exclusions_and_rechecks_read_through_the_api_match_the_cli()
    {
        await using var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(Instant.FromUtc(2026, 4, 16, 9, 0)) }, withEvents: false);
        await server.Client("integration").PostAsync("/v1/events", ServerHarness.Ndjson(await File.ReadAllTextAsync(Scenario))).Json();
        var admin = server.Client("admin");
        for (var day = new LocalDate(2026, 4, 1); day <= new LocalDate(2026, 4, 16); day = day.PlusDays(1))
            await admin.PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{day:yyyy-MM-dd}}","policies":["promua"]}""")).Json();

        var cases = (await admin.GetAsync("/v1/cases?policy=promua&kind=catalog_exclusion&limit=100").Json()).EnumerateArray()
            .ToDictionary(c => c.Str("seller"), StringComparer.Ordinal);
        Assert.Equal(new[] { "p-complaint", "p-dayneg", "p-lastday", "p-lateletter", "p-model", "p-partial" }, cases.Keys.Order(StringComparer.Ordinal));
        // Day 14 (2026-04-15, Kyiv midnight = 2026-04-14T21:00Z): p-model reinstated; p-lastday's letter came that day → reinstated at 04-16.
        Assert.Equal(("reinstated", "2026-04-14T21:00:00Z"), (cases["p-model"].Str("state"), cases["p-model"].Str("closed_at")));
        Assert.Equal(("reinstated", "2026-04-15T21:00:00Z"), (cases["p-lastday"].Str("state"), cases["p-lastday"].Str("closed_at")));
        // The others stay out until the next re-check, 2026-04-29 (Kyiv midnight).
        foreach (var seller in new[] { "p-complaint", "p-dayneg", "p-lateletter", "p-partial" })
            Assert.Equal(("excluded", "2026-04-28T21:00:00Z"), (cases[seller].Str("state"), cases[seller].Str("due_at")));
    }

    public void Dispose() => _stores.Dispose();
}
