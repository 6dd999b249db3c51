namespace Standing.Policies.Tests.Packs;

/// <summary>
/// Issue 12: a seller reads its standards in English, French, Russian, Ukrainian, Chinese or Polish, so every
/// built-in pack names itself and titles every metric in all six. Read from the packs themselves: a metric
/// added without its translations fails here, naming the pack, the metric and the languages it lacks.
/// </summary>
public sealed class PackTitlesTests
{
    /// <summary>The seller pages' languages (docs/pages.md).</summary>
    private static readonly string[] Languages = ["en", "fr", "ru", "uk", "zh", "pl"];

    [Fact]
    public void Every_metric_of_every_built_in_pack_has_a_title_in_the_six_page_languages()
    {
        var missing = new List<string>();
        foreach (var id in BuiltInPacks.Ids)
        {
            var policy = BuiltInPacks.Load(id);
            Assert.NotEmpty(policy.Metrics);
            foreach (var metric in policy.Metrics)
            {
                var lacking = Languages.Where(l => l != "en" && string.IsNullOrWhiteSpace(metric.Titles.GetValueOrDefault(l))).ToList();
                if (string.IsNullOrWhiteSpace(metric.Title)) lacking.Insert(0, "en");
                if (lacking.Count > 0) missing.Add($"{id}: {metric.Id} lacks {string.Join(", ", lacking)}");
            }
            var unnamed = Languages.Where(l => l != "en" && !policy.Names.ContainsKey(l)).ToList();
            if (unnamed.Count > 0) missing.Add($"{id}: its name lacks {string.Join(", ", unnamed)}");
        }
        Assert.Equal(8, BuiltInPacks.Ids.Count);
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// A translation is not the English title copied (a title made only of the data's codes, as MALL's
    /// "OPEN → SHIPPING or CANCELLED", still has words of its own in each language).
    /// </summary>
    [Fact]
    public void No_metric_title_in_another_language_is_the_english_one()
    {
        var copied = (from id in BuiltInPacks.Ids
                      let policy = BuiltInPacks.Load(id)
                      from metric in policy.Metrics
                      from language in Languages.Skip(1)
                      where metric.Titles.GetValueOrDefault(language) == metric.Title
                      select $"{id}: {metric.Id} in {language}").ToList();
        Assert.True(copied.Count == 0, string.Join("\n", copied));
    }
}
