using System.Text.Json;

namespace Standing.Cli.Tests;

/// <summary>
/// <c>standing run --policy FILE</c> enforces an operator's own policy from its enforcement section,
/// and reports a policy without one once, without failing. The shop places 20 orders one an hour
/// from 2026-05-01 and ships o-3…o-20 on 2026-05-02: late_rate = 2/20 = 10% over the 4% limit from
/// the run of 2026-05-04 on; the 7-day re-check of 05-11 finds it still there and escalates.
/// </summary>
public sealed class RunPolicyFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Policy = """
        id: late
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: late_rate
            title: Orders not shipped
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
            standard: { direction: lower_is_better, threshold: 0.04 }
        rules:
          - { id: late_warning, outcome: late_warning, when: { metric: late_rate, status: breach } }
        enforcement:
          cases:
            - kind: late_warning
              outcome: late_warning
              recheck: { days: 7 }
              escalate_to: late_penalty
              notices:
                - on: opened
                  to: seller
                  title: { en: "Late shipments: {value} (limit {threshold})" }
                  lines: { en: ["Orders not shipped: {items}. Re-check on {recheck_date}."] }
            - kind: late_penalty
              clears: person
              decisions: [confirm, dismiss]
        """;

    private string Events()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 20; i++)
            lines.Add($$"""{"id":"p{{i}}","type":"order.placed","at":"2026-05-01T{{i - 1:00}}:00:00Z","seller":"shop-l","order":"o-{{i}}"}""");
        for (var i = 3; i <= 20; i++)
            lines.Add($$"""{"id":"s{{i}}","type":"shipment.shipped","at":"2026-05-02T10:00:00Z","seller":"shop-l","order":"o-{{i}}"}""");
        return _dir.File("late.ndjson", string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void An_operators_policy_file_is_enforced_from_its_section_and_its_notices_are_delivered()
    {
        var db = Path.Combine(_dir.Path, "s.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Events(), "--db", db).ExitCode);
        var policy = _dir.File("late.yaml", Policy);
        // The same policy without its enforcement section, under another id: evaluated and reported only.
        var plain = _dir.File("plain.yaml", Policy[..Policy.IndexOf("enforcement:", StringComparison.Ordinal)].Replace("id: late\n", "id: late-plain\n", StringComparison.Ordinal));
        var outbox = Path.Combine(_dir.Path, "outbox");

        var run = StandingProcess.Run("run", "--db", db, "--from", "2026-05-04", "--to", "2026-05-11", "--policy", policy, "--policy", plain, "--notify-folder", outbox);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Stdout.Split('\n'), l => l.Contains("no enforcement section", StringComparison.Ordinal)); // said once
        Assert.Contains("2026-05-04T00:00:00Z late: 1 seller evaluated, 1 case opened, 0 transitions, 1 notice", run.Stdout, StringComparison.Ordinal);
        var cases = JsonDocument.Parse(StandingProcess.Run("cases", "list", "--db", db, "--policy", "late", "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["late_warning escalated", "late_penalty awaiting_decision"],
            cases.Select(c => c.GetProperty("kind").GetString() + " " + c.GetProperty("state").GetString()));
        var notice = JsonDocument.Parse(File.ReadAllText(Path.Combine(outbox, "late.late_warning.shop-l.20260504_1.json"))).RootElement;
        Assert.Equal("Late shipments: 10% (limit 4%)", notice.GetProperty("title").GetString());
        Assert.Equal("Orders not shipped: o-1, o-2. Re-check on 2026-05-11.", notice.GetProperty("lines")[0].GetString());
    }

    [Fact]
    public void A_section_with_mistakes_runs_nothing_and_names_each_place()
    {
        var db = Path.Combine(_dir.Path, "s.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Events(), "--db", db).ExitCode);
        var bad = _dir.File("bad.yaml", Policy.Replace("escalate_to: late_penalty", "escalate_to: late_fine", StringComparison.Ordinal)
            .Replace("{threshold}", "{limit}", StringComparison.Ordinal));

        var run = StandingProcess.Run("run", "--db", db, "--as-of", "2026-05-04", "--policy", bad);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{bad}:21:20: unknown case kind \"late_fine\"", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{bad}:25:24: unknown placeholder {{limit}}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("[]", StandingProcess.Run("cases", "list", "--db", db, "--format", "json").Stdout.Trim());
    }
}
