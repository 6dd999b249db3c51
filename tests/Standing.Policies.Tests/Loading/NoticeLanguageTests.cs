using Standing.Core.Policies.Enforcement;
using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// What a policy says in the sellers' languages: a metric's title per language, and the texts of a pack's
/// notices (top-level <c>notices</c>) whose placeholders are checked line by line. Every line and column
/// below was counted by hand from the YAML text of its test (a node's position is its first character, a
/// quoted text's its quote).
/// </summary>
public sealed class NoticeLanguageTests
{
    /// <summary>Lines 1–6; a test appends the metric's title (from line 7) and <see cref="Rest"/>.</summary>
    private const string Head = """
        id: late
        version: "1"
        effective_from: 2026-01-01
        time_zone: UTC
        metrics:
          - id: late_rate
        """;

    private const string Rest = """
            kind: rate
            subject: orders
            window: { rolling_days: 30 }
            attribute_by: placed_at
            numerator: { field: shipped, op: eq, value: false }
            standard: { direction: lower_is_better, threshold: 0.04 }
        """;

    private static string Policy(string title, string more = "") => Head + "\n" + title + "\n" + Rest + (more.Length > 0 ? "\n" + more : "");

    private static List<string> Errors(string yaml) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "late.yaml")).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void A_metric_title_may_be_given_per_language_and_english_is_the_title()
    {
        var policy = PolicyLoader.Load(Policy("""
                title:
                  en: Orders not shipped
                  pl: "Zamówienia niewysłane"
                  zh: 未发货订单
            """), "late.yaml");

        var metric = Assert.Single(policy.Metrics);
        Assert.Equal("Orders not shipped", metric.Title);
        Assert.Equal("Zamówienia niewysłane", metric.TitleIn("pl"));
        Assert.Equal("未发货订单", metric.TitleIn("zh"));
        Assert.Equal("Orders not shipped", metric.TitleIn("fr")); // a language the policy does not give: English
    }

    [Fact]
    public void A_plain_title_is_the_english_one_in_every_language()
    {
        var metric = Assert.Single(PolicyLoader.Load(Policy("    title: Orders not shipped"), "late.yaml").Metrics);
        Assert.Equal("Orders not shipped", metric.TitleIn("pl"));
    }

    [Fact]
    public void A_title_without_english_or_with_a_bad_language_is_a_located_error()
    {
        // Line 7 "    title:", 8 "      pl: …" (the mapping starts at its first key, column 7),
        // 9 "      PL: x" (the key at column 7), 10 "      zh: """ (the empty text's quote at column 11).
        var errors = Errors(Policy("""
                title:
                  pl: "Zamówienia niewysłane"
                  PL: x
                  zh: ""
            """));

        Assert.Equal(new[]
        {
            "late.yaml:8:7: the title of metric \"late_rate\" needs its English text (\"en\"), the language of sellers without one",
            "late.yaml:9:7: \"PL\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)",
            "late.yaml:10:11: the zh title of metric \"late_rate\" must be a non-empty text",
        }.Order(StringComparer.Ordinal), errors.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A pack's notice text naming a placeholder no machine fills is refused at the line of the list that names
    /// it, not at the start of the list. Lines 7 title, 8–13 the metric, 14 "notices:", 15 "  - kind: warning",
    /// 16 title, 17 "    lines:", 18 "      en:", 19 the first line, 20 "        - \"ODR {odrr} …\"" (the quote
    /// at column 11), 21 "      fr: [\"{valeur}\"]" (the quote at column 12).
    /// </summary>
    [Fact]
    public void An_unknown_placeholder_in_a_notice_text_is_refused_at_its_line()
    {
        var errors = Errors(Policy("    title: Orders not shipped", """
            notices:
              - kind: warning
                title: { en: "Warning" }
                lines:
                  en:
                    - "Your rate is {value}."
                    - "ODR {odrr} over {period_days} days."
                  fr: ["{valeur}"]
            """));

        var known = string.Join(", ", MachineNotice.Placeholders.Select(p => "{" + p + "}"));
        Assert.Equal(
        [
            $"late.yaml:20:11: unknown placeholder {{odrr}}; here one may use: {known}",
            $"late.yaml:21:12: unknown placeholder {{valeur}}; here one may use: {known}",
        ], errors);
    }

    [Fact]
    public void Guidance_may_be_given_per_language_and_english_is_the_guidance()
    {
        var policy = PolicyLoader.Load(Policy("    title: Orders not shipped", """
            guidance:
              en: ["Ship on time.", "Answer buyers."]
              pl: ["Wysyłaj na czas.", "Odpowiadaj kupującym."]
            """), "late.yaml");

        Assert.Equal(["Ship on time.", "Answer buyers."], policy.Guidance);
        Assert.Equal(["Wysyłaj na czas.", "Odpowiadaj kupującym."], policy.GuidanceIn("pl"));
        Assert.Equal(["Ship on time.", "Answer buyers."], policy.GuidanceIn("zh")); // not given: English
    }

    /// <summary>
    /// Per-language guidance without English, with a bad language code: located errors. Line 14 "guidance:",
    /// 15 "  pl: […]" (the mapping starts at its first key, column 3), 16 "  PL: x" (the key at column 3).
    /// </summary>
    [Fact]
    public void Guidance_without_english_or_with_a_bad_language_is_a_located_error()
    {
        var errors = Errors(Policy("    title: Orders not shipped", """
            guidance:
              pl: ["Wysyłaj na czas."]
              PL: ["x"]
            """));

        Assert.Equal(new[]
        {
            "late.yaml:15:3: \"guidance\" needs its English text (\"en\"), the language of sellers without one",
            "late.yaml:16:3: \"PL\" is not a language code (two or three lower-case letters: en, fr, pl, ru, uk, zh)",
        }, errors);
    }
}
