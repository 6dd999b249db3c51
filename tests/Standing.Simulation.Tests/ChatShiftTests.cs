using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Core.Scorecards;
using Standing.Policies;

namespace Standing.Simulation.Tests;

/// <summary>
/// Conversations happen in chat-local time (+08:00 by default, as the Chinese packs that read them do)
/// and agents work the shifts 08:30–23:30 there, extended while a buyer is still consulting.
/// </summary>
public sealed class ChatShiftTests(SimulatedMarketplace market) : IClassFixture<SimulatedMarketplace>
{
    private static readonly LocalTime ShiftStart = new(8, 30);
    private static readonly LocalTime ShiftEnd = new(23, 30);

    private static LocalTime ChatLocal(Instant at) => at.WithOffset(SimulatedMarketplace.Options.ChatOffset).TimeOfDay;

    private static bool OnShift(Instant at) => ChatLocal(at) >= ShiftStart && ChatLocal(at) < ShiftEnd;

    private IEnumerable<IGrouping<string, StandingEvent>> Conversations(bool nightStaff)
    {
        var staffed = market.Simulator.Profiles.Where(p => p.NightShift == nightStaff).Select(p => p.Seller).ToHashSet(StringComparer.Ordinal);
        return market.Events.Where(e => e.Type == EventType.ChatMessage && staffed.Contains(e.Seller))
            .GroupBy(e => e.Conversation!, StringComparer.Ordinal);
    }

    [Fact]
    public void The_chat_offset_is_china_standard_time_by_default()
    {
        Assert.Equal(Offset.FromHours(8), new SimulationOptions { End = SimulatedMarketplace.End }.ChatOffset);
    }

    [Fact]
    public void Buyers_open_most_conversations_during_the_shifts_and_some_at_night()
    {
        var opened = market.Events.Where(e => e.Type == EventType.ChatMessage)
            .GroupBy(e => e.Conversation!, StringComparer.Ordinal).Select(g => g.First().At).ToList();

        Assert.True(opened.Count > 1000);
        Assert.InRange((double)opened.Count(OnShift) / opened.Count, 0.8, 0.97);
    }

    [Fact]
    public void Without_night_staff_a_question_opened_off_shift_is_answered_from_the_next_morning_shift()
    {
        var checkedOnes = 0;
        foreach (var conversation in Conversations(nightStaff: false))
        {
            var first = conversation.First();
            if (OnShift(first.At) || conversation.FirstOrDefault(e => e.From == "agent") is not { } answer) continue;
            checkedOnes++;
            var local = first.At.WithOffset(SimulatedMarketplace.Options.ChatOffset).LocalDateTime;
            var morning = (local.TimeOfDay < ShiftStart ? local.Date : local.Date.PlusDays(1)).At(ShiftStart);
            Assert.True(answer.At.WithOffset(SimulatedMarketplace.Options.ChatOffset).LocalDateTime >= morning,
                $"{conversation.Key}: asked {local}, answered before {morning}");
        }

        Assert.True(checkedOnes > 20);
    }

    [Fact]
    public void Without_night_staff_agents_write_off_shift_only_while_a_buyer_is_still_consulting()
    {
        var offShift = 0;
        foreach (var conversation in Conversations(nightStaff: false))
        {
            var messages = conversation.ToList();
            for (var i = 1; i < messages.Count; i++)
            {
                if (messages[i].From != "agent" || OnShift(messages[i].At)) continue;
                offShift++;
                // The extension: the conversation was going on (a message at most 30 minutes before).
                Assert.True(messages[i].At - messages[i - 1].At <= Duration.FromMinutes(30), $"{conversation.Key} at {messages[i].At}");
            }
        }

        Assert.True(offShift > 0);
    }

    [Fact]
    public void Sellers_with_night_staff_answer_night_questions_within_minutes()
    {
        var night = Conversations(nightStaff: true)
            .Where(g => !OnShift(g.First().At) && g.Any(e => e.From == "agent"))
            .Select(g => g.First(e => e.From == "agent").At - g.Last(e => e.From == "buyer" && e.At <= g.First(a => a.From == "agent").At).At)
            .ToList();

        Assert.NotEmpty(night);
        Assert.All(night, wait => Assert.True(wait <= Duration.FromMinutes(30)));
    }

    [Fact]
    public void On_the_Tmall_shift_clock_good_sellers_agents_mostly_meet_15_seconds_and_failing_sellers_agents_mostly_do_not()
    {
        var tmall = BuiltInPacks.Load("tmall");
        var kinds = market.Simulator.Profiles.ToDictionary(p => p.Seller, p => p.Kind, StringComparer.Ordinal);
        var within = new Dictionary<SellerProfileKind, (int Within, int All)>();
        foreach (var facts in FactFolder.Fold(market.Events, SimulatedMarketplace.End))
        {
            foreach (var agent in AgentScorecard.Compute(facts, SimulatedMarketplace.End, tmall.Calendar, tmall.Scorecard!))
            {
                if (agent.AvgResponseSeconds is not { } average) continue;
                var ok = average <= 15 && agent.FirstResponseSeconds <= 15;
                var (w, all) = within.GetValueOrDefault(kinds[facts.Seller]);
                within[kinds[facts.Seller]] = (w + (ok ? 1 : 0), all + 1);
            }
        }

        double Share(SellerProfileKind kind) => (double)within[kind].Within / within[kind].All;
        Assert.True(within[SellerProfileKind.Good].All > 50);
        Assert.InRange(Share(SellerProfileKind.Good), 0.75, 1.0);
        Assert.InRange(Share(SellerProfileKind.Failing), 0.0, 0.3);
    }
}
