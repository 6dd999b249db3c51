using System.Text.RegularExpressions;
using Standing.Server.Web;

namespace Standing.Server.Tests.Pages;

/// <summary>Every text a page asks for with <c>T("…")</c> is in the table, in all five languages besides English.</summary>
public sealed partial class TextsTests
{
    [Fact]
    public void Every_text_the_pages_use_is_translated()
    {
        var pages = OpenApiContractTests.RepositoryFile("src/Standing.Server/Pages");
        var asked = Directory.EnumerateFiles(pages, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("Texts.cs", StringComparison.Ordinal))
            .SelectMany(f => Asked().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: Regex.Unescape(m.Groups[1].Value))))
            .ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(a => !Texts.Has(a.Text)).Select(a => $"{a.File}: {a.Text}").Distinct().ToList();
        Assert.True(missing.Count == 0, "not in Texts: " + string.Join("; ", missing));
        foreach (var (english, translations) in Texts.All)
        {
            Assert.Equal(Texts.Order.Length, translations.Length);
            Assert.All(translations, t => Assert.False(string.IsNullOrWhiteSpace(t), english));
        }
    }

    // T("…") in views, and Texts.Say("…"): the texts page models hand to a view to translate.
    [GeneratedRegex("""\b(?:T|Say)\("((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex Asked();
}
