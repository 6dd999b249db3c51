using System.Globalization;
using System.Text.Json;

using static Standing.Cli.Tests.Acceptance.CaseCommands;

namespace Standing.Cli.Tests.Acceptance;

/// <summary>
/// E-confiance's trust badge (STANDARDS.md §3; seed 002, the French original) driven through the documented commands on
/// econfiance-badge-letter.ndjson: <c>standing ingest</c>, <c>standing run --from --to</c> (Europe/Paris midnights) and
/// <c>standing cases list/show --format json</c>. Every expected index and date is worked out by hand, not read off a run.
/// </summary>
/// <remarks>
/// The text's only consequence is the badge: "E-confiance évalue la qualité du service après-vente de chaque commerçant
/// désirant obtenir une note d’indice de confiance, dans l’objectif d’acquérir le badge de confiance", the index "sur une
/// échelle de 0 à 100". The scoring and the badge at 80 are the pack's Defaults (claims 0% → 100 points, ≥ 10% → 0;
/// delay disputes the same; refunds 0% → 100, ≥ 15% → 0; disputes answered within 48 h 100% → 100, ≤ 50% → 0; equal
/// weights over the components measured). Orders placed 02-20 and delivered 03-01; 10 disputes opened 03-02 10:00 and
/// answered 03-04 10:00, exactly 48 h ("ne dépassant pas plus de 48 heures": on time), pending until then.
/// <list type="bullet">
/// <item>e-a: 20 orders, no complaint → as of 03-04 claims, refunds, delays 0% (100 each; the disputes still pending)
/// → index 100 → badge granted 03-04. Two late-delivery complaints on 03-10 → claims 2/20 = 10% (0 points), delay
/// disputes 10% (0), refunds 100, answers 10/10 (100) → (0 + 100 + 0 + 100)/4 = 50 → withdrawn 03-11.</item>
/// <item>e-b: 100 orders, 8 complaints on 03-03 → claims 8% = 20 points; 03-04: (20 + 100 + 100)/3 = 73.3, no badge;
/// 03-05 with the answers: (20 + 100 + 100 + 100)/4 = 80 → granted (80 or more).</item>
/// <item>e-c: as e-b with 9 complaints → 10 points → (10 + 300)/4 = 77.5 → never granted.</item>
/// </list>
/// </remarks>
public sealed class EconfianceBadgeLetterAcceptanceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private static DateTimeOffset Paris(string local) => DateTimeOffset.Parse(local + "+01:00", CultureInfo.InvariantCulture);

    [Fact]
    public void The_badge_is_granted_at_an_index_of_80_and_withdrawn_when_it_falls_below()
    {
        var db = Path.Combine(_dir.Path, "store.db");
        Ok("ingest", AcceptanceRun.Scenario("econfiance-badge-letter.ndjson"), "--db", db);
        Ok("run", "--db", db, "--from", "2026-03-04", "--to", "2026-03-12", "--policy", "econfiance");

        var cases = JsonDocument.Parse(Ok("cases", "list", "--db", db, "--policy", "econfiance", "--format", "json").Stdout).RootElement
            .EnumerateArray().ToDictionary(c => c.GetProperty("seller").GetString()!, c => c);
        Assert.Equal(new[] { "e-a", "e-b" }, cases.Keys.Order(StringComparer.Ordinal));

        var a = cases["e-a"];
        Assert.Equal(("trust_badge", "withdrawn"), (a.GetProperty("kind").GetString(), a.GetProperty("state").GetString()));
        Assert.Equal(Paris("2026-03-04T00:00:00"), Instant(a, "opened_at"));
        Assert.Equal(Paris("2026-03-11T00:00:00"), Instant(a, "closed_at"));
        var shown = JsonDocument.Parse(Ok("cases", "show", a.GetProperty("id").GetString()!, "--db", db, "--format", "json").Stdout).RootElement;
        Assert.Equal(new[] { "badge_granted", "badge_withdrawn" }, shown.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        var withdrawn = shown.GetProperty("audit").EnumerateArray().Last().GetProperty("snapshot").EnumerateArray()
            .Single(m => m.GetProperty("metric").GetString() == "trust_index");
        Assert.Equal(50, withdrawn.GetProperty("value").GetDouble(), 9);

        var b = cases["e-b"];
        Assert.Equal("granted", b.GetProperty("state").GetString());
        Assert.Equal(Paris("2026-03-05T00:00:00"), Instant(b, "opened_at"));
    }

    public void Dispose() => _dir.Dispose();
}
