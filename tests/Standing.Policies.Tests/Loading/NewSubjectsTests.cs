using Standing.Core.Evaluation;
using Standing.Core.Facts;
using Standing.Core.Metrics;
using Standing.Policies.Loading;
using Standing.Testing;

namespace Standing.Policies.Tests.Loading;

/// <summary>Policies name the after-sales and chat subjects; metrics over them compute what a hand count gives.</summary>
public sealed class NewSubjectsTests
{
    private const string Policy = """
        id: chat-and-after-sales
        version: "1"
        effective_from: 2026-01-01
        time_zone: Asia/Shanghai
        metrics:
          - id: delay_complaints
            kind: count
            subject: complaints
            window: { rolling_days: 30 }
            attribute_by: filed_at
            numerator: { field: kind, op: eq, value: delivery_delay }
          - id: refund_seller_hours
            kind: mean_duration
            subject: refunds
            window: { rolling_days: 30 }
            attribute_by: completed_at
            population: { field: kind, op: eq, value: return_and_refund }
            start: requested_at
            end: completed_at_minus_buyer_time
          - id: satisfaction
            kind: rate
            subject: conversations
            window: { rolling_days: 30 }
            attribute_by: rated_at
            numerator: { field: rating, op: eq, value: satisfied }
          - id: human_reply_3min
            kind: share_within
            subject: messages
            window: { rolling_days: 30 }
            attribute_by: at
            population: { field: for_human, op: eq, value: true }
            start: at
            end: reply_at
            limit: { minutes: 3 }
          - id: consultation_reply_3min
            kind: share_within
            subject: consultations
            window: { rolling_days: 30 }
            attribute_by: at
            start: at
            end: reply_at
            limit: { minutes: 3 }
          - id: agent_lines
            kind: count
            subject: agent_messages
            window: { rolling_days: 30 }
            attribute_by: at
            numerator: { field: agent, op: eq, value: a1 }
        """;

    [Fact]
    public void Every_new_subject_name_loads()
    {
        var policy = PolicyLoader.Load(Policy, "p.yaml");

        Assert.Equal(
            [Subject.Complaints, Subject.Refunds, Subject.Conversations, Subject.Messages, Subject.Consultations, Subject.AgentMessages],
            policy.Metrics.Select(m => m.Subject));
    }

    [Fact]
    public void A_field_of_another_subject_is_refused_with_the_subjects_vocabulary()
    {
        var yaml = Policy.Replace("attribute_by: filed_at", "attribute_by: placed_at", StringComparison.Ordinal);

        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "p.yaml"));

        Assert.Contains("p.yaml:10:19:", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field \"placed_at\" for complaints; known fields: filed_at, kind, order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_over_the_new_subjects_compute_the_hand_counted_values()
    {
        // As of 2026-05-31 00:00 +08:00, rolling 30 days from 2026-05-01 00:00 +08:00.
        var shop = new EventScript("s")
            // Complaints: two delivery delays in the window, one product complaint, one delay before it → 2.
            .Complaint("k1", "o1", "delivery_delay", "2026-05-02T10:00:00+08:00")
            .Complaint("k2", "o2", "delivery_delay", "2026-05-03T10:00:00+08:00")
            .Complaint("k3", "o3", "product", "2026-05-03T10:00:00+08:00")
            .Complaint("k4", "o4", "delivery_delay", "2026-04-20T10:00:00+08:00")
            // Return refunds: f1 requested 09:00, completed 21:00 with 4 h of buyer step → 8 h of seller
            // time; f2 requested 09:00, completed 11:00 → 2 h. Mean (8 + 2) / 2 = 5 h. f3 is refund-only.
            .RefundRequested("f1", "o1", "return_and_refund", "2026-05-05T09:00:00+08:00")
            .RefundBuyerStep("f1", "start", "2026-05-05T10:00:00+08:00")
            .RefundBuyerStep("f1", "end", "2026-05-05T14:00:00+08:00")
            .RefundCompleted("f1", "refunded", "2026-05-05T21:00:00+08:00")
            .RefundRequested("f2", "o2", "return_and_refund", "2026-05-06T09:00:00+08:00")
            .RefundCompleted("f2", "refunded", "2026-05-06T11:00:00+08:00")
            .RefundRequested("f3", "o3", "refund_only", "2026-05-06T09:00:00+08:00")
            .RefundCompleted("f3", "refunded", "2026-05-07T09:00:00+08:00")
            // Conversation c1: transfer at 10:01, agent a1 at 10:02 (1 min), buyer 10:05, a1 at 10:09
            // (4 min, late); rated 5 → satisfied. c2: bot only, rated 3 → neutral.
            .Ask("c1", "b1", "2026-05-10T10:00:00+08:00")
            .Ask("c1", "b1", "2026-05-10T10:01:00+08:00", human: true)
            .Answer("c1", "a1", "2026-05-10T10:02:00+08:00")
            .Ask("c1", "b1", "2026-05-10T10:05:00+08:00")
            .Answer("c1", "a1", "2026-05-10T10:09:00+08:00")
            .Rated("c1", "2026-05-10T11:00:00+08:00", stars: 5)
            .Ask("c2", "b2", "2026-05-11T07:00:00+08:00")
            .Bot("c2", "2026-05-11T07:00:10+08:00")
            .Ask("c2", "b2", "2026-05-11T09:00:00+08:00")
            .Bot("c2", "2026-05-11T09:05:00+08:00")
            .Rated("c2", "2026-05-11T09:10:00+08:00", stars: 3);

        var asOf = EventScript.At("2026-05-31T00:00:00+08:00");
        var facts = FactFolder.Fold(shop.Events, asOf).Single();
        var result = new PolicyEvaluator(PolicyLoader.Load(Policy, "p.yaml")).EvaluateSeller(facts, asOf, explain: true);
        var m = result.Metrics.ToDictionary(r => r.Id);

        Assert.Equal(2, m["delay_complaints"].Value);
        Assert.Equal(5.0, m["refund_seller_hours"].Value);
        Assert.Equal(2, m["refund_seller_hours"].Denominator);
        // 1 satisfied of 2 rated.
        Assert.Equal((1, 2), (m["satisfaction"].Numerator, m["satisfaction"].Denominator));
        // Messages for a human: 10:01 (answered 10:02, on time) and 10:05 (10:09, late); 10:00 came before the transfer.
        Assert.Equal((1, 2), (m["human_reply_3min"].Numerator, m["human_reply_3min"].Denominator));
        // Consultations: b1 on the 10th (10:00, first answer 10:02 → on time); b2 on the 11th counts from
        // 09:00 (07:00 is before 08:00), bot answer 09:05 → late. 1 of 2.
        Assert.Equal((1, 2), (m["consultation_reply_3min"].Numerator, m["consultation_reply_3min"].Denominator));
        Assert.Equal(["b1|2026-05-10", "b2|2026-05-11"], m["consultation_reply_3min"].Items.Select(i => i.Id));
        Assert.Equal(2, m["agent_lines"].Value);
        Assert.Equal(MetricKind.Count, m["agent_lines"].Definition.Kind);
    }

    [Fact]
    public void A_pattern_that_cannot_run_is_reported_where_it_is_written()
    {
        var yaml = Policy.Replace("numerator: { field: agent, op: eq, value: a1 }", "numerator: { field: text, op: matches, values: ['ok', '(?<!x)y'] }", StringComparison.Ordinal);

        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "p.yaml"));

        // Line 48 of the policy text ("    numerator: { field: text, op: matches, values: ['ok', " is 58 characters): column 59.
        Assert.Contains("p.yaml:48:59: pattern \"(?<!x)y\" is not a usable regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_is_case_insensitive_and_needs_values()
    {
        var yaml = Policy.Replace("numerator: { field: agent, op: eq, value: a1 }", "numerator: { field: text, op: matches, value: x }", StringComparison.Ordinal);

        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(yaml, "p.yaml"));

        Assert.Contains("needs \"values: [...]\"", error.Message, StringComparison.Ordinal);
        Assert.True(Standing.Core.Metrics.TextPatterns.Compile(["alipay"]).IsMatch("Pay by ALIPAY"));
    }

    [Fact]
    public void Consultation_hours_are_read_and_checked()
    {
        var everyHour = Policy.Replace("subject: consultations", "subject: consultations\n    consultation_hours: \"00:00-24:00\"", StringComparison.Ordinal);
        var metric = PolicyLoader.Load(everyHour, "p.yaml").Metrics.Single(m => m.Id == "consultation_reply_3min");
        Assert.Equal(NodaTime.LocalTime.Midnight, metric.ConsultationDayStart);
        Assert.Equal(new NodaTime.LocalTime(8, 0), PolicyLoader.Load(Policy, "p.yaml").Metrics.Single(m => m.Id == "consultation_reply_3min").ConsultationDayStart);

        var bad = Policy.Replace("subject: consultations", "subject: consultations\n    consultation_hours: \"08:00-22:00\"", StringComparison.Ordinal);
        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(bad, "p.yaml"));
        Assert.Contains("p.yaml:38:25: \"consultation_hours\" of metric \"consultation_reply_3min\" must read \"HH:MM-24:00\"", error.Message, StringComparison.Ordinal);

        var elsewhere = Policy.Replace("subject: messages", "subject: messages\n    consultation_hours: \"00:00-24:00\"", StringComparison.Ordinal);
        error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load(elsewhere, "p.yaml"));
        Assert.Contains("applies to subject consultations only", error.Message, StringComparison.Ordinal);
    }
}
