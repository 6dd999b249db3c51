using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Standing.Core.Metrics;
using Standing.Enforcement.Backtests;

namespace Standing.Data.Documents;

/// <summary>
/// The JSON of <c>standing backtest</c> (docs/schemas/backtest.schema.json): both rule sets, each day's
/// counts for each ({"date","baseline":{"as_of","sellers","statuses","taken","under"},"candidate":{…}}),
/// the sellers whose fate differs with the first day and the reason, and each seller's first action
/// under either set (spared, delayed by N days, earlier, added).
/// </summary>
public static class BacktestDocument
{
    /// <summary>Every status, written even when no seller stood in it, so that a chart's series exist on every day.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
        [MetricStatus.Good.Wire(), MetricStatus.AtRisk.Wire(), MetricStatus.Breach.Wire(), MetricStatus.InsufficientData.Wire()];

    public static void Write(Stream stream, Backtest backtest, string baselineSource, string candidateSource)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        using var json = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        json.WriteStartObject();
        json.WriteString("standard", backtest.Candidate.Policy.Id);
        WriteSide(json, "baseline", backtest.Baseline, baselineSource);
        WriteSide(json, "candidate", backtest.Candidate, candidateSource);
        json.WriteString("from", Date(backtest.Days[0]));
        json.WriteString("to", Date(backtest.Days[^1]));
        json.WriteStartArray("days");
        for (var d = 0; d < backtest.Days.Count; d++)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(backtest.Days[d]));
            WriteDay(json, "baseline", backtest.Baseline, d);
            WriteDay(json, "candidate", backtest.Candidate, d);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("differences");
        foreach (var c in backtest.Changes)
        {
            json.WriteStartObject();
            json.WriteString("seller", c.Seller);
            json.WriteString("first_day", Date(c.Day));
            json.WriteString("baseline", c.Baseline);
            json.WriteString("candidate", c.Candidate);
            json.WriteString("reason", c.Reason);
            json.WriteNumber("days_differing", c.DaysDiffering);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteFirstActions(json, backtest.FirstActions);
        json.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter json, string name, BacktestSide side, string source)
    {
        json.WriteStartObject(name);
        json.WriteString("id", side.Policy.Id);
        json.WriteString("version", side.Policy.Version);
        json.WriteString("time_zone", side.Policy.Zone.Id);
        json.WriteString("source", source);
        json.WriteBoolean("enforced", side.Machine is not null);
        json.WriteEndObject();
    }

    private static void WriteDay(Utf8JsonWriter json, string name, BacktestSide side, int d)
    {
        var day = side.Days[d];
        json.WriteStartObject(name);
        json.WriteString("as_of", DocumentText.Instant(side.AsOfs[d], side.Policy.Zone));
        json.WriteNumber("sellers", day.Sellers);
        json.WriteStartObject("statuses");
        foreach (var status in Statuses) json.WriteNumber(status, day.Statuses.GetValueOrDefault(status));
        json.WriteEndObject();
        WriteCounts(json, "taken", day.Taken);
        WriteCounts(json, "under", day.Under);
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, SortedDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, n) in counts) json.WriteNumber(key, n);
        json.WriteEndObject();
    }

    private static void WriteFirstActions(Utf8JsonWriter json, IReadOnlyList<FirstActions> all)
    {
        json.WriteStartObject("first_actions");
        foreach (var effect in (string[])["spared", "delayed", "earlier", "added", "same"])
            json.WriteNumber(effect, all.Count(a => a.Effect == effect));
        var delays = all.Where(a => a.Effect == "delayed").Select(a => a.DaysLater!.Value).ToList();
        json.WriteNumber("days_delayed_total", delays.Sum());
        json.WriteNumber("days_delayed_max", delays.Count == 0 ? 0 : delays.Max());
        json.WriteStartArray("sellers");
        foreach (var a in all.Where(a => a.Effect != "same"))
        {
            json.WriteStartObject();
            json.WriteString("seller", a.Seller);
            if (a.Baseline is { } b) json.WriteString("baseline", Date(b));
            else json.WriteNull("baseline");
            if (a.Candidate is { } c) json.WriteString("candidate", Date(c));
            else json.WriteNull("candidate");
            json.WriteString("effect", a.Effect);
            if (a.DaysLater is { } later) json.WriteNumber("days_later", later);
            else json.WriteNull("days_later");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
