using Standing.Core.Metrics;

namespace Standing.Core.Tests.Metrics;

public sealed class StandardTests
{
    private static readonly Standard AtMostTwoPercent = new(Direction.LowerIsBetter, 0.02, ThresholdInclusive: false, Target: 0.015, MinSample: 10);
    private static readonly Standard UnderOnePercent = new(Direction.LowerIsBetter, 0.01, ThresholdInclusive: true, Target: 0.0075, MinSample: 1);
    private static readonly Standard AtLeast95 = new(Direction.HigherIsBetter, 0.95, ThresholdInclusive: false, Target: 0.97, MinSample: 10);
    private static readonly Standard AtMost80Fails = new(Direction.HigherIsBetter, 0.80, ThresholdInclusive: true, Target: 0.90, MinSample: 10);

    [Theory]
    [InlineData(0.02, MetricStatus.AtRisk)]    // "≤ 2%": exactly 2% meets the standard
    [InlineData(0.0201, MetricStatus.Breach)]
    [InlineData(0.015, MetricStatus.Good)]     // at the target
    [InlineData(0.0, MetricStatus.Good)]
    public void A_limit_the_value_may_reach(double value, MetricStatus expected) =>
        Assert.Equal(expected, AtMostTwoPercent.Judge(value, 100));

    [Theory]
    [InlineData(0.01, MetricStatus.Breach)]    // "< 1%": exactly 1% breaches
    [InlineData(0.0099, MetricStatus.AtRisk)]
    [InlineData(0.0075, MetricStatus.Good)]
    public void A_limit_the_value_must_stay_under(double value, MetricStatus expected) =>
        Assert.Equal(expected, UnderOnePercent.Judge(value, 100));

    [Theory]
    [InlineData(0.95, MetricStatus.AtRisk)]    // "≥ 95%": exactly 95% meets it
    [InlineData(0.9499, MetricStatus.Breach)]
    [InlineData(0.97, MetricStatus.Good)]
    public void A_floor_the_value_may_reach(double value, MetricStatus expected) =>
        Assert.Equal(expected, AtLeast95.Judge(value, 100));

    [Theory]
    [InlineData(0.80, MetricStatus.Breach)]    // "≤ 80% triggers": exactly 80% breaches
    [InlineData(0.8001, MetricStatus.AtRisk)]
    [InlineData(0.90, MetricStatus.Good)]
    public void A_floor_whose_value_itself_fails(double value, MetricStatus expected) =>
        Assert.Equal(expected, AtMost80Fails.Judge(value, 100));

    [Fact]
    public void Too_few_items_are_insufficient_data_never_a_breach()
    {
        Assert.Equal(MetricStatus.InsufficientData, AtMostTwoPercent.Judge(0.5, 9));
        Assert.Equal(MetricStatus.Breach, AtMostTwoPercent.Judge(0.5, 10));
        Assert.Equal(MetricStatus.InsufficientData, UnderOnePercent.Judge(null, 0));
    }

    [Fact]
    public void A_target_on_an_exclusive_limit_is_described_on_its_own_side()
    {
        // docs/standards/congocrea.md: "every shop must keep ODR < 1%": breach at 1%, good only under it.
        var odr = new Standard(Direction.LowerIsBetter, 0.01, ThresholdInclusive: true, Target: 0.01, MinSample: 1);
        Assert.Equal("breach when ≥ 0.01, good when < 0.01, minimum sample 1", odr.ToString());
        Assert.Equal(MetricStatus.Breach, odr.Judge(0.01, 100));
        Assert.Equal("breach when > 0.02, good when ≤ 0.015, minimum sample 10", AtMostTwoPercent.ToString());
    }

    [Theory]
    [InlineData(2.0 / 201, "0.995%")] // just under Congocrea's 1%: not shown as "1%"
    [InlineData(0.01, "1%")]
    [InlineData(1.0 / 3, "33.333%")]
    public void Percentages_keep_three_decimals(double ratio, string shown) =>
        Assert.Equal(shown, ValueText.Percent(ratio));
}
