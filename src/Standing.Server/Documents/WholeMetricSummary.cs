using System.Text.Json;
using System.Text.Json.Nodes;
using Standing.Core.Metrics;
using Standing.Data.Documents;

namespace Standing.Server.Documents;

/// <summary>
/// An explanation the API pages (each metric's items a page at a time) keeps each metric's summary of
/// all its items, as <c>standing explain --format json</c> gives it: the counts say what the metric is
/// made of (its numerator's items, those only in its denominator, the pending, the excluded by reason),
/// not what one page happens to show. The document is written by the CLI's own writer from the page,
/// then each metric's summary is set to that of the whole metric.
/// </summary>
public static class WholeMetricSummary
{
    public static void Write(Stream stream, Action<Stream> writePage, IReadOnlyList<MetricResult> whole)
    {
        using var page = new MemoryStream();
        writePage(page);
        var document = JsonNode.Parse(page.ToArray()) ?? throw new InvalidOperationException("an explanation wrote no document");
        var byId = whole.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var seller in document["sellers"]!.AsArray())
            foreach (var metric in seller!["metrics"]!.AsArray())
                if (byId.TryGetValue(metric!["id"]!.GetValue<string>(), out var m)) metric["summary"] = Summary(m);
        using var json = new Utf8JsonWriter(stream, DocumentText.WriterOptions);
        document.WriteTo(json);
    }

    private static JsonObject Summary(MetricResult m) => new()
    {
        ["counted"] = m.Items.Count(i => i.Role == ItemRole.Numerator),
        ["denominator_only"] = m.Items.Count(i => i.Role == ItemRole.Denominator),
        ["pending"] = m.Items.Count(i => i.Role == ItemRole.Pending),
        ["excluded"] = new JsonArray(ItemSummary.ExcludedByReason(m)
            .Select(e => (JsonNode)new JsonObject { ["reason"] = e.Reason, ["count"] = e.Count }).ToArray()),
    };
}
