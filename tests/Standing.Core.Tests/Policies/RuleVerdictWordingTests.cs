using Standing.Core.Policies;

namespace Standing.Core.Tests.Policies;

/// <summary>
/// A verdict whose reason is worded only when read says the same as one given its words: the same text, equal, the
/// same hash, and worded once however often it is read.
/// </summary>
public sealed class RuleVerdictWordingTests
{
    [Fact]
    public void A_reason_worded_when_read_is_worded_once_and_equals_the_reason_given()
    {
        var worded = 0;
        var late = new RuleVerdict("late_rate_high", "warning", true, () =>
        {
            worded++;
            return "late_rate = 7.5% ✗ (needs <= 5%)";
        }) { Version = new NodaTime.LocalDate(2026, 1, 1) };
        var given = new RuleVerdict("late_rate_high", "warning", true, "late_rate = 7.5% ✗ (needs <= 5%)") { Version = new NodaTime.LocalDate(2026, 1, 1) };

        Assert.Equal(0, worded);
        Assert.Equal(given, late); // equality reads the reason
        Assert.Equal(1, worded);
        Assert.Equal(given.GetHashCode(), late.GetHashCode());
        Assert.Equal("late_rate = 7.5% ✗ (needs <= 5%)", late.Reason);
        Assert.Equal(1, worded);
        Assert.Equal(given.ToString(), late.ToString());
    }

    [Fact]
    public void A_verdict_differs_by_its_words_and_a_reason_set_later_replaces_the_wording()
    {
        var late = new RuleVerdict("r", "warning", false, () => "one");
        Assert.NotEqual(new RuleVerdict("r", "warning", false, "two"), late);
        var replaced = new RuleVerdict("r", "warning", false, () => throw new InvalidOperationException("not to be worded")) with { Reason = "two" };
        Assert.Equal("two", replaced.Reason);
        Assert.Equal(new RuleVerdict("r", "warning", false, "two"), replaced);
    }
}
