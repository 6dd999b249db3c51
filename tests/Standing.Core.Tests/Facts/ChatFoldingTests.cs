using NodaTime;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>Conversations, buyer messages, agent messages and consultations, worked out by hand.</summary>
public sealed class ChatFoldingTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static SellerFacts Fold(EventScript shop) => FactFolder.Fold(shop.Events.Reverse(), AsOf).Single();

    /// <summary>
    /// 09:59 bot greets; 10:00 buyer asks; 10:00:05 bot answers; 10:01 buyer asks for a human;
    /// 10:02:30 agent a1; 10:05 buyer; 10:09 agent a2; rated 4 stars at 10:20, then 2 stars for bad
    /// attitude at 10:30 (the latest rating is in force).
    /// </summary>
    private static EventScript Transferred() => new EventScript("s")
        .Bot("c1", "2026-05-01T09:59:00Z", "Welcome")
        .Ask("c1", "b1", "2026-05-01T10:00:00Z", text: "Is it in stock?")
        .Bot("c1", "2026-05-01T10:00:05Z", "Yes")
        .Ask("c1", "b1", "2026-05-01T10:01:00Z", human: true)
        .Answer("c1", "a1", "2026-05-01T10:02:30Z", "Hello, I am Anna")
        .Ask("c1", "b1", "2026-05-01T10:05:00Z")
        .Answer("c1", "a2", "2026-05-01T10:09:00Z", "Sent today")
        .Rated("c1", "2026-05-01T10:20:00Z", stars: 4)
        .Rated("c1", "2026-05-01T10:30:00Z", stars: 2, reason: "bad_attitude");

    [Fact]
    public void A_transferred_conversation_has_its_replies_transfer_agent_and_latest_rating()
    {
        var c = Fold(Transferred()).Conversations.Single();

        Assert.Equal(EventScript.At("2026-05-01T09:59:00Z"), c.StartedAt);
        Assert.Equal(EventScript.At("2026-05-01T10:00:00Z"), c.FirstBuyerAt);
        Assert.Equal(EventScript.At("2026-05-01T10:00:05Z"), c.FirstReplyAt);        // the bot's answer
        Assert.Equal(EventScript.At("2026-05-01T10:02:30Z"), c.FirstAgentReplyAt);
        Assert.Equal(EventScript.At("2026-05-01T10:01:00Z"), c.TransferredAt);
        Assert.Equal(EventScript.At("2026-05-01T10:02:30Z"), c.FirstHumanReplyAfterTransferAt);
        Assert.True(c.Human);
        Assert.Equal("a1", c.Agent);
        Assert.Equal("b1", c.Buyer);
        Assert.Equal(EventScript.At("2026-05-01T10:30:00Z"), c.RatedAt);
        Assert.Equal(2, c.Stars);
        Assert.Equal("disappointed", c.Rating);
        Assert.Equal("bad_attitude", c.RatingReason);
    }

    [Fact]
    public void Each_buyer_message_gets_the_next_agent_and_bot_message_after_it()
    {
        var messages = Fold(Transferred()).Messages.OrderBy(m => m.At).ToList();

        Assert.Equal(3, messages.Count);
        // 10:00: next agent 10:02:30 (a1), next bot 10:00:05; before the transfer at 10:01, so not for a human.
        Assert.Equal(EventScript.At("2026-05-01T10:02:30Z"), messages[0].ReplyAt);
        Assert.Equal(EventScript.At("2026-05-01T10:00:05Z"), messages[0].BotReplyAt);
        Assert.Equal("a1", messages[0].Agent);
        Assert.True(messages[0].HumanSession);
        Assert.False(messages[0].ForHuman);
        // 10:01 (the transfer): next agent 10:02:30, no bot after it.
        Assert.Equal(EventScript.At("2026-05-01T10:02:30Z"), messages[1].ReplyAt);
        Assert.Null(messages[1].BotReplyAt);
        Assert.True(messages[1].ForHuman);
        // 10:05: answered by a2 at 10:09.
        Assert.Equal(EventScript.At("2026-05-01T10:09:00Z"), messages[2].ReplyAt);
        Assert.Equal("a2", messages[2].Agent);
        Assert.Equal("c1", messages[2].Conversation);
    }

    [Fact]
    public void Agent_messages_keep_their_text_and_bot_messages_are_not_agent_messages()
    {
        var agentMessages = Fold(Transferred()).AgentMessages.OrderBy(m => m.At).ToList();

        Assert.Equal(["Hello, I am Anna", "Sent today"], agentMessages.Select(m => m.Text));
        Assert.Equal(["a1", "a2"], agentMessages.Select(m => m.Agent));
    }

    [Theory]
    [InlineData(5, "satisfied")]
    [InlineData(4, "satisfied")]
    [InlineData(3, "neutral")]
    [InlineData(2, "disappointed")]
    [InlineData(1, "disappointed")]
    public void Stars_alone_map_to_the_three_way_rating(int stars, string rating)
    {
        var shop = new EventScript("s").Ask("c1", "b1", "2026-05-01T10:00:00Z").Rated("c1", "2026-05-01T10:20:00Z", stars: stars);
        Assert.Equal(rating, Fold(shop).Conversations.Single().Rating);
    }

    [Fact]
    public void A_given_rating_wins_over_the_stars_mapping()
    {
        var shop = new EventScript("s").Ask("c1", "b1", "2026-05-01T10:00:00Z").Rated("c1", "2026-05-01T10:20:00Z", stars: 5, rating: "neutral");
        Assert.Equal("neutral", Fold(shop).Conversations.Single().Rating);
    }

    [Fact]
    public void A_bot_only_conversation_is_not_human_and_has_no_agent_reply()
    {
        var shop = new EventScript("s")
            .Ask("c1", "b1", "2026-05-01T10:00:00Z")
            .Bot("c1", "2026-05-01T10:00:10Z");

        var facts = Fold(shop);
        var c = facts.Conversations.Single();

        Assert.False(c.Human);
        Assert.Null(c.FirstAgentReplyAt);
        Assert.Equal(EventScript.At("2026-05-01T10:00:10Z"), c.FirstReplyAt);
        Assert.False(facts.Messages.Single().HumanSession);
        Assert.Null(facts.Messages.Single().ReplyAt);
    }

    [Fact]
    public void Consultations_count_a_buyer_once_per_local_day_and_only_from_08_00()
    {
        // Asia/Shanghai is UTC+8. Buyer b1: 07:59 on the 1st is too early; 09:00 on the 1st is the
        // day's consultation (bot answers 09:00:30); 23:59 the same day adds nothing; 00:10 on the 2nd
        // is too early; 08:00 sharp on the 2nd counts (agent answers 08:04). Buyer b2 asks at 12:00 on
        // the 1st and gets no answer. → 3 consultations.
        var shop = new EventScript("s")
            .Ask("c1", "b1", "2026-05-01T07:59:00+08:00")
            .Ask("c1", "b1", "2026-05-01T09:00:00+08:00")
            .Bot("c1", "2026-05-01T09:00:30+08:00")
            .Ask("c1", "b1", "2026-05-01T23:59:00+08:00")
            .Ask("c2", "b1", "2026-05-02T00:10:00+08:00")
            .Ask("c2", "b1", "2026-05-02T08:00:00+08:00")
            .Answer("c2", "a1", "2026-05-02T08:04:00+08:00")
            .Ask("c3", "b2", "2026-05-01T12:00:00+08:00");

        var consultations = Fold(shop).ConsultationsIn(Shanghai).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["b1|2026-05-01", "b1|2026-05-02", "b2|2026-05-01"], consultations.Select(c => c.Id));
        Assert.Equal(EventScript.At("2026-05-01T09:00:00+08:00"), consultations[0].At);
        Assert.Equal(EventScript.At("2026-05-01T09:00:30+08:00"), consultations[0].ReplyAt);
        Assert.Equal(EventScript.At("2026-05-02T08:00:00+08:00"), consultations[1].At);
        Assert.Equal(EventScript.At("2026-05-02T08:04:00+08:00"), consultations[1].ReplyAt);
        Assert.Equal("c2", consultations[1].Conversation);
        Assert.Null(consultations[2].ReplyAt);
    }

    [Fact]
    public void The_local_day_of_a_consultation_follows_the_zone_asked_for()
    {
        // 2026-05-01T23:30Z is 07:30 on the 2nd in Shanghai (too early) but 23:30 on the 1st in UTC.
        var shop = new EventScript("s").Ask("c1", "b1", "2026-05-01T23:30:00Z");
        var facts = Fold(shop);

        Assert.Empty(facts.ConsultationsIn(Shanghai));
        Assert.Equal("b1|2026-05-01", facts.ConsultationsIn(DateTimeZone.Utc).Single().Id);
    }
}
