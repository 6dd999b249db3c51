using NodaTime;
using Standing.Core.Events;
using Standing.Core.Facts;
using Standing.Testing;

namespace Standing.Core.Tests.Facts;

/// <summary>Stored facts read with only some of their lists (<see cref="FactSnapshot.Read(byte[], FactKinds)"/>).</summary>
public sealed class FactSnapshotKindsTests
{
    private static readonly FactKinds[] EachKind =
        [FactKinds.Orders, FactKinds.Reviews, FactKinds.Cases, FactKinds.Complaints, FactKinds.Refunds, FactKinds.Conversations, FactKinds.Messages, FactKinds.AgentMessages];

    /// <summary>A seller with at least one fact of every list, texts and instants of every shape among them.</summary>
    private static SellerFacts Everything()
    {
        var s = new EventScript("shop-κ");
        s.Registered("2025-12-31T23:00:00Z")
            .Plan("We answer within the hour.", "2026-02-01T08:00:00Z")
            .Add(EventType.OrderPlaced, "2026-01-05T10:00:00Z", e => e with
            {
                Order = "o-1", Buyer = "b-1", Amount = 12.5m, Currency = "PLN",
                ShipBy = EventScript.At("2026-01-06T10:00:00Z"), DeliverBy = EventScript.At("2290-01-09T10:00:00Z"),
            })
            .Status("o-1", OrderStatus.Open, "2026-01-05T10:00:01Z")
            .Shipped("o-1", "2026-01-06T09:00:00Z")
            .Delivered("o-1", "2026-01-08T09:00:00Z")
            .Review("o-1", 2, "2026-01-10T10:00:00Z", review: "r-1")
            .Add(EventType.ReviewFlaggedFake, "2026-01-13T11:00:00Z", e => e with { Review = "r-1" })
            .Placed("o-2", "1650-06-01T00:00:00.000000007Z")
            .Status("o-2", OrderStatus.Cancelled, "2026-01-24T10:00:00Z", by: "seller")
            .Review("o-2", 5, "2026-01-14T10:00:00Z", review: "r-2")
            .Case("o-1", "2026-01-16T10:00:00Z", @case: "c-1")
            .Add(EventType.CaseClosed, "2026-01-18T12:00:00Z", e => e with { Case = "c-1", Outcome = "seller_liable" })
            .Complaint("k-1", "o-1", "delivery_delay", "2026-01-19T12:00:00Z")
            .RefundRequested("f-1", "o-1", "return_and_refund", "2026-01-20T12:00:00Z")
            .RefundCompleted("f-1", "refunded", "2026-01-22T15:00:00Z")
            .Ask("chat-1", "b-1", "2026-01-25T08:00:00Z", text: "Where is my parcel?")
            .Bot("chat-1", "2026-01-25T08:00:05Z")
            .Ask("chat-1", "b-1", "2026-01-25T08:01:00Z", human: true)
            .Answer("chat-1", "agent-7", "2026-01-25T08:02:00Z", text: "On its way")
            .Add(EventType.OrderRiskFlagged, "2026-01-27T08:00:00Z", e => e with { Order = "o-1", Reason = "brushing" });
        var facts = Assert.Single(FactFolder.Fold(s.Events, EventScript.At("2300-01-01T00:00:00Z")));
        foreach (var kind in EachKind) Assert.NotEmpty(List(facts, kind)); // so that each list can be told from an empty one
        return facts;
    }

    private static IReadOnlyList<object> List(SellerFacts facts, FactKinds kind) => kind switch
    {
        FactKinds.Orders => facts.Orders,
        FactKinds.Reviews => facts.Reviews,
        FactKinds.Cases => facts.Cases,
        FactKinds.Complaints => facts.Complaints,
        FactKinds.Refunds => facts.Refunds,
        FactKinds.Conversations => facts.Conversations,
        FactKinds.Messages => facts.Messages,
        FactKinds.AgentMessages => facts.AgentMessages,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TheoryData<FactKinds> Asked => new()
    {
        FactKinds.Orders, FactKinds.Reviews, FactKinds.AgentMessages, FactKinds.Orders | FactKinds.Reviews,
        FactKinds.Orders | FactKinds.Conversations, FactKinds.Conversations | FactKinds.Messages, FactKinds.Reviews | FactKinds.Complaints,
        FactKinds.Cases | FactKinds.Refunds, FactKinds.None, FactKinds.All,
    };

    [Theory]
    [MemberData(nameof(Asked))]
    public void The_lists_asked_for_read_as_a_whole_read_gives_them_and_the_others_are_refused(FactKinds kinds)
    {
        var bytes = FactSnapshot.Write(Everything());
        var whole = FactSnapshot.Read(bytes)!;
        var part = FactSnapshot.Read(bytes, kinds)!;

        Assert.Equal(kinds, part.Kinds);
        Assert.Equal(FactKinds.All, whole.Kinds);
        Assert.Equal((whole.Seller, whole.RegisteredAt, whole.Language), (part.Seller, part.RegisteredAt, part.Language));
        Assert.Equal(whole.Plans, part.Plans);
        foreach (var kind in EachKind)
        {
            if ((kinds & kind) != 0)
            {
                // Field for field: each fact's text as a record, or every public property of it.
                Assert.Equal(Describe(List(whole, kind)), Describe(List(part, kind)));
            }
            else
            {
                // Not read: asking for it is an error, not an empty list.
                var refused = Assert.Throws<InvalidOperationException>(() => List(part, kind));
                Assert.Contains(kind.ToString().ToLowerInvariant(), refused.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Facts_read_without_some_lists_cannot_be_written_again()
    {
        var part = FactSnapshot.Read(FactSnapshot.Write(Everything()), FactKinds.Orders)!;
        Assert.Throws<ArgumentException>(() => FactSnapshot.Write(part));
    }

    [Fact]
    public void Damage_past_the_lists_asked_for_is_not_read_and_damage_in_them_or_before_them_refuses_the_snapshot()
    {
        var bytes = FactSnapshot.Write(Everything());
        // The agent's text is in the last list (and, earlier, in its chat's lines: the last one is the agent message's): damaged, a whole read refuses the snapshot, a read of the orders does not see it.
        var agentText = System.Text.Encoding.UTF8.GetBytes("On its way");
        var at = Enumerable.Range(0, bytes.Length - agentText.Length).Last(i => bytes.AsSpan(i, agentText.Length).SequenceEqual(agentText));
        var damagedAtTheEnd = bytes.ToArray();
        damagedAtTheEnd[at] = 0xC3;
        Assert.Null(FactSnapshot.Read(damagedAtTheEnd));
        Assert.Null(FactSnapshot.Read(damagedAtTheEnd, FactKinds.AgentMessages));
        Assert.Equal(Describe(FactSnapshot.Read(bytes)!.Orders), Describe(FactSnapshot.Read(damagedAtTheEnd, FactKinds.Orders)!.Orders));
        // Cut short inside the reviews: the orders are still whole, the reviews (and all after them) cannot be read.
        var reviewId = System.Text.Encoding.UTF8.GetBytes("r-2");
        // (the last "r-2": the order o-2 names it first, as its lowest review)
        var cut = bytes[..Enumerable.Range(0, bytes.Length - reviewId.Length).Last(i => bytes.AsSpan(i, reviewId.Length).SequenceEqual(reviewId))];
        Assert.NotNull(FactSnapshot.Read(cut, FactKinds.Orders));
        Assert.Null(FactSnapshot.Read(cut, FactKinds.Reviews));
        Assert.Null(FactSnapshot.Read(cut, FactKinds.Cases)); // the reviews are passed over, and end too soon
        // A snapshot longer than its lists is refused by a read that reaches its end.
        Assert.Null(FactSnapshot.Read([.. bytes, 0], FactKinds.AgentMessages));
        Assert.NotNull(FactSnapshot.Read([.. bytes, 0], FactKinds.Messages));
    }

    [Fact]
    public void Lists_passed_over_leave_the_next_one_where_it_starts_on_wide_and_far_values()
    {
        // Orders and reviews with every optional part: far instants (an overflow array), amounts past 64 bits,
        // stars, cases and texts; the cases after them must read as a whole read gives them.
        var s = new EventScript("shop-λ")
            .Add(EventType.OrderPlaced, "2026-03-01T10:00:00Z", e => e with
            {
                Order = "big", Amount = 12_345_678_901_234_567_890_123.45m, ShipBy = EventScript.At("2026-03-02T10:00:00Z"),
                DeliverBy = EventScript.At("2200-01-01T00:00:00Z"),
            })
            .Review("big", 1, "2026-03-03T10:00:00Z", review: "r-far")
            .Add(EventType.ReviewResolved, "2290-01-01T00:00:00Z", e => e with { Review = "r-far" })
            .Case("big", "2026-03-04T10:00:00Z", @case: "c-9")
            .Complaint("k-9", "big", "delivery_delay", "2026-03-05T12:00:00Z");
        var facts = Assert.Single(FactFolder.Fold(s.Events, EventScript.At("2300-01-01T00:00:00Z")));
        var bytes = FactSnapshot.Write(facts);
        var whole = FactSnapshot.Read(bytes)!;
        var cases = FactSnapshot.Read(bytes, FactKinds.Cases | FactKinds.Complaints)!;
        Assert.Equal(Describe(whole.Cases), Describe(cases.Cases));
        Assert.Equal(Describe(whole.Complaints), Describe(cases.Complaints));
        Assert.Single(cases.Cases);
    }

    /// <summary>Every public property of each fact, as text (a fact is a class without value equality).</summary>
    private static string Describe(IEnumerable<object> facts) => string.Join("\n", facts.Select(f =>
        string.Join("|", f.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => $"{p.Name}={Text(p.GetValue(f))}"))));

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}
