using Standing.Enforcement.Machines;

namespace Standing.Enforcement.Tests;

/// <summary>
/// A template's placeholders filled: a <c>{name}</c> of lower-case letters and underscores takes its value (a dash when none
/// is given); every other brace is text. The expected strings are written by hand from that rule.
/// </summary>
public sealed class NoticeTextTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["seller"] = "shop-1",
        ["period_start"] = "2026-05-01",
        ["items"] = "T8, T9",
        ["empty"] = "",
    };

    [Theory]
    [InlineData("no placeholder at all", "no placeholder at all")]
    [InlineData("{seller}", "shop-1")]
    [InlineData("Report for {seller} from {period_start}: {items}.", "Report for shop-1 from 2026-05-01: T8, T9.")]
    [InlineData("{seller}{seller}", "shop-1shop-1")]
    [InlineData("[{empty}]", "[]")]
    [InlineData("{unknown} stays a dash", "— stays a dash")]
    [InlineData("{{seller}}", "{shop-1}")]
    [InlineData("{ab{seller}", "{abshop-1")]
    [InlineData("{} {Seller} {seller-id} {seller", "{} {Seller} {seller-id} {seller")]
    [InlineData("ends with a brace {", "ends with a brace {")]
    [InlineData("}{seller}{", "}shop-1{")]
    [InlineData("客服 {seller}：{items}", "客服 shop-1：T8, T9")]
    public void Placeholders_take_their_values_and_other_braces_stay(string template, string expected) =>
        Assert.Equal(expected, NoticeText.Fill(template, Values));
}
