using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// A policy's name per language, read like a metric's title: the seller pages show the standard's name in
/// the page's language, English when the policy does not give one. Lines and columns below were counted by
/// hand from each test's YAML (a mapping starts at its first key).
/// </summary>
public sealed class PolicyNameTests
{
    /// <summary>Lines 1–2; a test appends the name (from line 3) and <see cref="Rest"/>.</summary>
    private const string Head = """
        id: late
        version: "1"
        """;

    private const string Rest = """
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: late_rate
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
            standard: { direction: lower_is_better, threshold: 0.04 }
        """;

    private static string Policy(string name) => Head + "\n" + name + "\n" + Rest;

    [Fact]
    public void A_name_may_be_given_per_language_and_english_is_the_name()
    {
        var policy = PolicyLoader.Load(Policy("""
            name:
              en: Shipping standard
              pl: "Standard wysyłki"
              zh: 发货标准
            """), "late.yaml");

        Assert.Equal("Shipping standard", policy.Name);
        Assert.Equal("Standard wysyłki", policy.NameIn("pl"));
        Assert.Equal("发货标准", policy.NameIn("zh"));
        Assert.Equal("Shipping standard", policy.NameIn("fr")); // not given: English
    }

    [Fact]
    public void A_plain_name_is_the_english_one_in_every_language_and_no_name_is_the_id()
    {
        Assert.Equal("Shipping standard", PolicyLoader.Load(Policy("name: Shipping standard"), "late.yaml").NameIn("uk"));
        Assert.Equal("late", PolicyLoader.Load(Head + "\n" + Rest, "late.yaml").NameIn("uk"));
    }

    [Fact]
    public void A_name_without_english_or_with_a_bad_language_is_a_located_error()
    {
        // Line 3 "name:", 4 "  pl: …" (the mapping starts at column 3), 5 "  PL: …", 6 "  zh: \"\"" (its value at column 7).
        var errors = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(Policy("""
            name:
              pl: "Standard wysyłki"
              PL: Standard
              zh: ""
            """), "late.yaml")).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(
        [
            "late.yaml:4:3: the name of the policy needs its English text (\"en\"), the language of sellers without one",
            "late.yaml:5:3: \"PL\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)",
            "late.yaml:6:7: the zh name of the policy must be a non-empty text",
        ], errors);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ru")]
    [InlineData("uk")]
    [InlineData("zh")]
    [InlineData("pl")]
    public void Every_built_in_standard_is_named_in_each_language_of_the_pages(string language)
    {
        foreach (var id in BuiltInPacks.Ids)
        {
            var policy = BuiltInPacks.Load(id);
            Assert.True(policy.Names.ContainsKey(language), $"{id} has no {language} name");
            Assert.NotEqual(policy.Name, policy.NameIn(language));
        }
    }

    [Fact]
    public void A_marketplace_name_in_its_own_script_is_used_where_the_market_writes_it()
    {
        // Hand-checked: the Chinese marketplaces' own names (抖音, 快手, 拼多多, 天猫).
        Assert.StartsWith("抖音", BuiltInPacks.Load("douyin").NameIn("zh"), StringComparison.Ordinal);
        Assert.StartsWith("快手", BuiltInPacks.Load("kuaishou").NameIn("zh"), StringComparison.Ordinal);
        Assert.StartsWith("拼多多", BuiltInPacks.Load("pinduoduo").NameIn("zh"), StringComparison.Ordinal);
        Assert.StartsWith("天猫", BuiltInPacks.Load("tmall").NameIn("zh"), StringComparison.Ordinal);
    }
}
