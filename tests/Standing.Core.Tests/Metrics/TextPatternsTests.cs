using Standing.Core.Metrics;

namespace Standing.Core.Tests.Metrics;

public sealed class TextPatternsTests
{
    // Luhn worked by hand, doubling every second digit from the right (a double above 9 loses 9):
    // 4111 1111 1111 1111 → 1+2+1+2+1+2+1+2+1+2+1+2+1+2+1+8 = 30 → passes;
    // 2306 0112 3456 7890, from the right: kept 0,8,6,4,2,1,6,3 = 30, doubled 9→9, 7→5, 5→1, 3→6,
    // 1→2, 0, 0, 2→4 = 27; 57 → fails. 7992 7398 713 (the textbook example) → 70 → passes.
    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1112", false)]
    [InlineData("2306011234567890", false)]
    [InlineData("79927398713", true)]
    [InlineData("", false)]
    public void Luhn_checks_the_digits_and_ignores_separators(string text, bool passes) =>
        Assert.Equal(passes, TextPatterns.Luhn(text));

    [Fact]
    public void A_luhn_group_keeps_only_numbers_that_pass_the_checksum()
    {
        var matcher = TextPatterns.Compile([@"(^|\D)(?<luhn>\d([ -]?\d){12,18})(\D|$)"]);

        Assert.False(matcher.IsMatch("order 2306011234567890 shipped"));
        Assert.True(matcher.IsMatch("card 4111 1111 1111 1111 please"));
        // The first number fails, the search goes on to the second.
        Assert.Equal("4111111111111111", matcher.Find("2306011234567890 or 4111111111111111")!.Text.Trim());
    }

    [Fact]
    public void A_match_the_unless_group_took_part_in_does_not_count_and_the_search_goes_on()
    {
        var matcher = TextPatterns.Compile([@"(?<unless>([a-z0-9-]+\.)*pinduoduo\.com)|\bwww\.[a-z0-9-]+|[a-z0-9-]+\.(com|cn)\b"]);

        Assert.False(matcher.IsMatch("请到 www.pinduoduo.com 帮助中心"));
        Assert.True(matcher.IsMatch("www.pinduoduo.com or www.cheap.cn"));
        Assert.Equal("www.cheap", matcher.Find("www.pinduoduo.com or www.cheap.cn")!.Text);
    }

    [Fact]
    public void Find_names_the_first_pattern_that_matches_and_what_it_matched()
    {
        var matcher = TextPatterns.Compile(["alipay", "支付宝", @"wechat\s*[:：]?\s*[a-z0-9_]{5,}"]);

        var found = matcher.Find("my WeChat: shop_888, no Alipay");

        Assert.Equal(new TextMatch("alipay", "Alipay"), found);
        Assert.Equal("WeChat: shop_888", matcher.Find("my WeChat: shop_888")!.Text);
        Assert.Null(matcher.Find("your parcel is on the way"));
    }
}
