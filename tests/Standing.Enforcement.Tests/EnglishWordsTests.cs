using NodaTime;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Tests.Support;

namespace Standing.Enforcement.Tests;

/// <summary>The check the language tests rely on finds English words and leaves ids and the other languages alone.</summary>
public sealed class EnglishWordsTests
{
    private static Notice Notice(string title, params string[] lines) => new()
    {
        Id = "n", Seller = "s", Policy = "p", CaseId = "c", Kind = "k", Audience = "seller", At = Instant.FromUtc(2026, 1, 1, 0, 0), Title = title, Lines = lines,
    };

    [Fact]
    public void English_words_are_found_ids_and_other_languages_are_not()
    {
        Assert.Equal(["\"lowest\" in \"  o-1: lowest review 1 of 5 stars\"", "\"review\" in \"  o-1: lowest review 1 of 5 stars\"",
            "\"of\" in \"  o-1: lowest review 1 of 5 stars\"", "\"stars\" in \"  o-1: lowest review 1 of 5 stars\""],
            EnglishWords.In(Notice("Avertissement", "  o-1: lowest review 1 of 5 stars")));
        Assert.Empty(EnglishWords.In(Notice("Naruszenie SLA: tracking_rate", "limit SLA to 95%: T8, T9, order-7", "消息 shop-p-e3 的违规审核结果：驳回")));
    }
}
