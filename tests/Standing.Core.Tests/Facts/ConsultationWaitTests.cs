using NodaTime;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>
/// The waits of a consultation (a buyer per local natural day), worked out by hand from the 3-minute
/// reply rate's text: "(consulting buyers − buyers not answered within 3 min) / consulting buyers; only
/// consultations 08:00–24:00; a buyer counts once per natural day". Every time is Asia/Shanghai (+08:00).
/// </summary>
public sealed class ConsultationWaitTests
{
    private static readonly Instant AsOf = EventScript.At("2026-06-01T00:00:00Z");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static string T(string dayAndTime) => $"2026-05-{dayAndTime}+08:00";

    private static Dictionary<string, ConsultationFact> Consultations(EventScript shop) =>
        FactFolder.Fold(shop.Events.Reverse(), AsOf).Single().ConsultationsIn(Shanghai).ToDictionary(c => c.Id, StringComparer.Ordinal);

    [Fact]
    public void The_first_wait_answered_after_more_than_3_minutes_decides_the_day()
    {
        // b1 on the 1st: 07:50 is before 08:00 and starts no wait (answered 07:58, 8 min, not counted);
        // 09:00 answered 09:01 (1 min); 11:00 and 11:01 are one wait, answered 11:05 (5 min: late);
        // 14:00 in another conversation answered 14:02. Three waits; the late one is 11:00 → 11:05.
        // The consultation itself is still dated by the first message from 08:00 (09:00, answered 09:01).
        var shop = new EventScript("s")
            .Ask("c1", "b1", T("01T07:50:00")).Answer("c1", "a1", T("01T07:58:00"))
            .Ask("c1", "b1", T("01T09:00:00")).Answer("c1", "a1", T("01T09:01:00"))
            .Ask("c1", "b1", T("01T11:00:00")).Ask("c1", "b1", T("01T11:01:00")).Answer("c1", "a1", T("01T11:05:00"))
            .Ask("c2", "b1", T("01T14:00:00")).Answer("c2", "a1", T("01T14:02:00"));

        var day = Consultations(shop)["b1|2026-05-01"];

        Assert.Equal(EventScript.At(T("01T09:00:00")), day.At);
        Assert.Equal(EventScript.At(T("01T09:01:00")), day.ReplyAt);
        Assert.Equal(3, day.Waits);
        Assert.Equal(EventScript.At(T("01T11:00:00")), day.WaitAt);
        Assert.Equal(EventScript.At(T("01T11:05:00")), day.WaitReplyAt);
    }

    [Fact]
    public void With_every_wait_in_time_the_longest_one_stands_for_the_day_and_a_bot_answers()
    {
        // b2: 10:00 answered by the bot at exactly 10:03 (3 minutes: in time); 10:05 answered 10:06.
        // Both in time: the longest, 10:00 → 10:03, stands for the day.
        var shop = new EventScript("s")
            .Ask("c1", "b2", T("01T10:00:00")).Bot("c1", T("01T10:03:00"))
            .Ask("c1", "b2", T("01T10:05:00")).Answer("c1", "a1", T("01T10:06:00"));

        var day = Consultations(shop)["b2|2026-05-01"];

        Assert.Equal(2, day.Waits);
        Assert.Equal(EventScript.At(T("01T10:00:00")), day.WaitAt);
        Assert.Equal(EventScript.At(T("01T10:03:00")), day.WaitReplyAt);
    }

    [Fact]
    public void A_wait_runs_past_midnight_and_a_late_evening_wait_opens_no_wait_on_the_next_day()
    {
        // b3: 23:59:30 on the 1st answered 00:02 on the 2nd (2½ min, in time, the 1st's wait);
        // 00:30 on the 2nd is before 08:00 (no wait, never answered); 08:30 answered 08:31.
        var shop = new EventScript("s")
            .Ask("c1", "b3", T("01T23:59:30")).Answer("c1", "a1", T("02T00:02:00"))
            .Ask("c1", "b3", T("02T00:30:00"))
            .Ask("c1", "b3", T("02T08:30:00")).Answer("c1", "a1", T("02T08:31:00"));

        var days = Consultations(shop);

        Assert.Equal(EventScript.At(T("01T23:59:30")), days["b3|2026-05-01"].WaitAt);
        Assert.Equal(EventScript.At(T("02T00:02:00")), days["b3|2026-05-01"].WaitReplyAt);
        Assert.Equal(1, days["b3|2026-05-02"].Waits);
        Assert.Equal(EventScript.At(T("02T08:30:00")), days["b3|2026-05-02"].WaitAt);
        Assert.Equal(EventScript.At(T("02T08:31:00")), days["b3|2026-05-02"].WaitReplyAt);
    }

    [Fact]
    public void An_answer_in_any_of_the_buyers_conversations_ends_the_wait_on_every_day_it_is_open()
    {
        // b4: 20:00 on the 1st in c1 answered 20:01; 20:30 in c1 unanswered until the agent writes in c1 at
        // 09:00 on the 2nd. On the 2nd b4 asks in c2 at 08:10: a wait of the 2nd, which the 09:00 answer
        // in c1 ends too (50 min). Both days are decided by a late wait.
        var shop = new EventScript("s")
            .Ask("c1", "b4", T("01T20:00:00")).Answer("c1", "a1", T("01T20:01:00"))
            .Ask("c1", "b4", T("01T20:30:00"))
            .Ask("c2", "b4", T("02T08:10:00"))
            .Answer("c1", "a1", T("02T09:00:00"));

        var days = Consultations(shop);

        Assert.Equal(2, days["b4|2026-05-01"].Waits);
        Assert.Equal(EventScript.At(T("01T20:30:00")), days["b4|2026-05-01"].WaitAt);
        Assert.Equal(EventScript.At(T("02T09:00:00")), days["b4|2026-05-01"].WaitReplyAt);
        Assert.Equal(EventScript.At(T("02T08:10:00")), days["b4|2026-05-02"].WaitAt);
        Assert.Equal(EventScript.At(T("02T09:00:00")), days["b4|2026-05-02"].WaitReplyAt);
        // The consultation's own first answer stays the first answer in the conversation of its first message.
        Assert.Null(days["b4|2026-05-02"].ReplyAt);
        Assert.Equal("c2", days["b4|2026-05-02"].Conversation);
    }

    [Fact]
    public void An_unanswered_wait_stands_for_the_day_unless_an_earlier_one_was_already_late()
    {
        // b5: 10:00 answered 10:02; 16:00 never answered → the open 16:00 wait stands (late or pending by the as-of).
        // b6: 10:00 answered 10:10 (late); 16:00 never answered → the late 10:00 wait stands.
        var shop = new EventScript("s")
            .Ask("c1", "b5", T("01T10:00:00")).Answer("c1", "a1", T("01T10:02:00")).Ask("c1", "b5", T("01T16:00:00"))
            .Ask("c2", "b6", T("01T10:00:00")).Answer("c2", "a1", T("01T10:10:00")).Ask("c2", "b6", T("01T16:00:00"));

        var days = Consultations(shop);

        Assert.Equal(EventScript.At(T("01T16:00:00")), days["b5|2026-05-01"].WaitAt);
        Assert.Null(days["b5|2026-05-01"].WaitReplyAt);
        Assert.Equal(EventScript.At(T("01T10:00:00")), days["b6|2026-05-01"].WaitAt);
        Assert.Equal(EventScript.At(T("01T10:10:00")), days["b6|2026-05-01"].WaitReplyAt);
    }

    [Fact]
    public void A_metric_with_a_longer_limit_is_decided_by_its_own_limit_and_hours()
    {
        // b4 on the 1st: 07:30 answered 07:31; 10:00 answered 10:04 (4 min); 12:00 answered 12:10 (10 min).
        // With a 5-minute limit the 4-minute wait is in time and the 10-minute one decides the day; with
        // 3 minutes the 4-minute one already does. Counted from midnight, 07:30 opens the day.
        var shop = new EventScript("s")
            .Ask("c1", "b4", T("01T07:30:00")).Answer("c1", "a1", T("01T07:31:00"))
            .Ask("c1", "b4", T("01T10:00:00")).Answer("c1", "a1", T("01T10:04:00"))
            .Ask("c1", "b4", T("01T12:00:00")).Answer("c1", "a1", T("01T12:10:00"));
        var facts = FactFolder.Fold(shop.Events, AsOf).Single();

        var five = facts.ConsultationsIn(Shanghai, replyLimit: Duration.FromMinutes(5)).Single();
        Assert.Equal(EventScript.At(T("01T12:00:00")), five.WaitAt);
        var three = facts.ConsultationsIn(Shanghai).Single();
        Assert.Equal(EventScript.At(T("01T10:00:00")), three.WaitAt);
        Assert.Equal(2, three.Waits);

        var allDay = facts.ConsultationsIn(Shanghai, dayStart: LocalTime.Midnight).Single();
        Assert.Equal(EventScript.At(T("01T07:30:00")), allDay.At);
        Assert.Equal(3, allDay.Waits);
    }
}
