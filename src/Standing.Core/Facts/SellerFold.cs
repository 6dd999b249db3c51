using System.Runtime.InteropServices;
using NodaTime;
using Standing.Core.Events;

namespace Standing.Core.Facts;

/// <summary>
/// Folds one seller's events straight into its facts. Its tables (id → slot, the facts, the events
/// that won each fact's data-bearing fields) are reused from one seller to the next.
/// </summary>
internal sealed class SellerFold
{
    /// <summary>Kinds of fact: orders, reviews, cases, complaints, refunds, conversations, the seller itself.</summary>
    public const int Kinds = 7;

    /// <summary>The kind of the events about orders (see <see cref="KindOf"/>).</summary>
    public const int OrderKind = Orders;

    private const int Orders = 0, Reviews = 1, Cases = 2, Complaints = 3, Refunds = 4, Chats = 5, Seller = 6;

    private static readonly sbyte[] KindByType = BuildKinds();

    private readonly Table<OrderFact> _orders = new();
    private readonly Table<ReviewFact> _reviews = new();
    private readonly Table<CaseFact> _cases = new();
    private readonly Table<ComplaintFact> _complaints = new();

    // Refunds and conversations depend on the sequence of their events: gathered, then built in order.
    private readonly EventGroups _refundEvents = new();
    private readonly EventGroups _chatEvents = new();
    private readonly List<StandingEvent> _sellerEvents = [];

    // Whether the attach steps have written on the orders since the last reset (see ForgetAttached).
    private bool _built;

    /// <summary>Which kind of fact an event type is about (see <see cref="Kinds"/>), or -1 for none.</summary>
    public static int KindOf(EventType type) => KindByType[(int)type];

    /// <param name="seller">The seller.</param>
    /// <param name="events">All events.</param>
    /// <param name="positions">The positions in <paramref name="events"/> of this seller's events to fold.</param>
    /// <param name="counts">How many of them are about orders, reviews and cases.</param>
    public SellerFacts Fold(string seller, ReadOnlySpan<StandingEvent> events, ReadOnlySpan<int> positions, ReadOnlySpan<int> counts)
    {
        Reset(counts);
        foreach (var position in positions) Add(seller, events[position], position);
        return Build(seller);
    }

    /// <summary>Forgets the last seller; <paramref name="counts"/> (events per kind) size the tables.</summary>
    public void Reset(ReadOnlySpan<int> counts)
    {
        _orders.Reset(counts[Orders]);
        _reviews.Reset(counts[Reviews]);
        _cases.Reset(counts[Cases]);
        _complaints.Reset(counts[Complaints]);
        _refundEvents.Clear();
        _chatEvents.Clear();
        _sellerEvents.Clear();
        _built = false;
    }

    /// <summary>
    /// Folds one more event of the seller. <paramref name="position"/> is its place in arrival order: the
    /// fact lists keep the order in which their ids were first seen, whatever order events are added in.
    /// </summary>
    public void Add(string seller, StandingEvent e, int position)
    {
        switch (KindByType[(int)e.Type])
        {
            case Orders:
                {
                    var slot = _orders.SlotOf(e.Order!, position, out var isNew);
                    if (isNew) _orders.Facts[slot] = new OrderFact(seller, e.Order!);
                    OrderFolding.Add(_orders.Facts[slot], ref _orders.Winners[slot], e);
                    break;
                }
            case Reviews:
                {
                    var slot = _reviews.SlotOf(e.Review!, position, out var isNew);
                    if (isNew) _reviews.Facts[slot] = new ReviewFact(seller, e.Review!);
                    ReviewFolding.Add(_reviews.Facts[slot], ref _reviews.Winners[slot], e);
                    break;
                }
            case Cases:
                {
                    var slot = _cases.SlotOf(e.Case!, position, out var isNew);
                    if (isNew) _cases.Facts[slot] = new CaseFact(seller, e.Case!);
                    CaseFolding.Add(_cases.Facts[slot], ref _cases.Winners[slot], e);
                    break;
                }
            case Complaints:
                {
                    var slot = _complaints.SlotOf(e.Complaint!, position, out var isNew);
                    if (isNew) _complaints.Facts[slot] = new ComplaintFact(seller, e.Complaint!);
                    ComplaintFolding.Add(_complaints.Facts[slot], ref _complaints.Winners[slot], e);
                    break;
                }
            case Refunds:
                _refundEvents.Add(e.Refund!, e, position);
                break;
            case Chats:
                _chatEvents.Add(e.Conversation!, e, position);
                break;
            case Seller:
                _sellerEvents.Add(e);
                break;
        }
    }

    /// <summary>
    /// The seller's facts from the events added so far. May be called again after more are added (an
    /// incremental fold): the order facts are then updated in place, and every step below recomputes what
    /// it derives from its inputs rather than adding to what an earlier call derived.
    /// </summary>
    public SellerFacts Build(string seller)
    {
        _orders.RestoreFirstSeenOrder();
        _reviews.RestoreFirstSeenOrder();
        _cases.RestoreFirstSeenOrder();
        _complaints.RestoreFirstSeenOrder();
        if (_built) ForgetAttached();
        _built = true;
        AttachReviews();
        AttachCases();
        var refunds = BuildRefunds(seller);
        var complaints = _complaints.ToArray();
        AttachRefundsAndComplaints(refunds, complaints);
        AttachRisk(refunds, complaints);
        AttachCaseOutcomes(refunds);
        var messages = new List<MessageFact>();
        var agentMessages = new List<AgentMessageFact>();
        var conversations = new ConversationFact[_chatEvents.Count];
        var c = 0;
        foreach (var (id, chat) in _chatEvents.InFirstSeenOrder()) conversations[c++] = ChatFolding.Build(seller, id, chat, messages, agentMessages);
        EventRun.SortDistinct(_sellerEvents);
        return new SellerFacts(seller, _orders.ToArray(), _reviews.ToArray(), _cases.ToArray())
        {
            ComplaintArray = complaints,
            RefundArray = refunds,
            ConversationArray = conversations,
            MessageArray = [.. messages],
            AgentMessageArray = [.. agentMessages],
            Plans = _sellerEvents.Where(e => e.Type == EventType.SellerPlanSubmitted).Select(e => new SellerPlan(e.Id, e.At, e.Text)).ToArray(),
            RegisteredAt = _sellerEvents.FirstOrDefault(e => e.Type == EventType.SellerRegistered)?.At,
            // The latest registration that names one: a seller may register again to change it.
            Language = _sellerEvents.LastOrDefault(e => e.Type == EventType.SellerRegistered && e.Language is not null)?.Language,
        };
    }

    /// <summary>
    /// Clears what the attach steps wrote on the orders at the last build (lowest review, cases, first
    /// refund request and complaint): they are derived from the other facts, which may have changed since.
    /// </summary>
    private void ForgetAttached()
    {
        foreach (var o in _orders.Used)
        {
            o.LowestReviewStars = null;
            o.LowestReview = null;
            o.CaseCount = 0;
            o.FirstCaseAt = null;
            o.FirstCase = null;
            o.Set(OrderFact.RefundRequestedSlot, null);
            o.Set(OrderFact.FirstComplaintSlot, null);
        }
    }

    private RefundFact[] BuildRefunds(string seller)
    {
        var refunds = new RefundFact[_refundEvents.Count];
        var i = 0;
        foreach (var (id, events) in _refundEvents.InFirstSeenOrder()) refunds[i++] = RefundFolding.Build(seller, id, events);
        return refunds;
    }

    /// <summary>Gives each order its first refund request and its first complaint.</summary>
    private void AttachRefundsAndComplaints(RefundFact[] refunds, ComplaintFact[] complaints)
    {
        foreach (var r in refunds)
        {
            if (r.Kind == "spontaneous" || r.RequestedAt is not { } at || r.Order is null || _orders.Find(r.Order) is not { } o) continue;
            o.KeepEarliest(OrderFact.RefundRequestedSlot, at);
        }
        foreach (var c in complaints)
        {
            if (c.FiledAt is not { } at || c.Order is null || _orders.Find(c.Order) is not { } o) continue;
            o.KeepEarliest(OrderFact.FirstComplaintSlot, at);
        }
    }

    /// <summary>Marks the cases, refunds and complaints of orders flagged as risk data with the order's flag.</summary>
    private void AttachRisk(RefundFact[] refunds, ComplaintFact[] complaints)
    {
        // Assigned, flagged or not: a rebuild recomputes them rather than keeping an earlier build's.
        foreach (var c in _cases.Used) c.OrderRiskFlaggedAt = RiskFlagOf(c.Order);
        foreach (var r in refunds) r.OrderRiskFlaggedAt = RiskFlagOf(r.Order);
        foreach (var c in complaints) c.OrderRiskFlaggedAt = RiskFlagOf(c.Order);
    }

    private Instant? RiskFlagOf(string? order) => order is not null && _orders.Find(order) is { } o ? o.RiskFlaggedAt : null;

    /// <summary>
    /// Gives each refund the ruling on the disputes about its order (matched by order id, whether or not the
    /// order itself is known): seller_liable when any closed case on the order was ruled so, else the
    /// outcome of the last case closed (a tie in time goes to the highest case id).
    /// </summary>
    private void AttachCaseOutcomes(RefundFact[] refunds)
    {
        if (refunds.Length == 0 || _cases.Count == 0) return;
        Dictionary<string, List<RefundFact>>? byOrder = null;
        foreach (var r in refunds)
        {
            if (r.Order is null) continue;
            byOrder ??= new Dictionary<string, List<RefundFact>>(StringComparer.Ordinal);
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byOrder, r.Order, out _);
            (list ??= []).Add(r);
        }
        if (byOrder is null) return;
        var ruling = new Dictionary<RefundFact, CaseFact>(ReferenceEqualityComparer.Instance);
        foreach (var c in _cases.Used)
        {
            if (c.Order is null || c.Outcome is null || c.ClosedAt is not { } closed || !byOrder.TryGetValue(c.Order, out var candidates)) continue;
            var disputed = Disputed(candidates, c.OpenedAt);
            if (!ruling.TryGetValue(disputed, out var known) || Outweighs(c, closed, known)) ruling[disputed] = c;
        }
        foreach (var (refund, c) in ruling) refund.OrderCaseOutcome = c.Outcome;
    }

    /// <summary>
    /// The refund a case disputes (one dispute counts once, however many refunds its order had): the
    /// order's latest refund requested by the time the case opened, else its earliest; ties by refund id.
    /// </summary>
    private static RefundFact Disputed(List<RefundFact> refunds, Instant? opened)
    {
        RefundFact? before = null, earliest = null;
        foreach (var r in refunds)
        {
            if (Earlier(r, earliest)) earliest = r;
            if (opened is { } o && r.RequestedAt is { } at && at <= o && (before is null || !Earlier(r, before))) before = r;
        }
        return before ?? earliest!;

        static bool Earlier(RefundFact a, RefundFact? b)
        {
            if (b is null) return true;
            var order = (a.RequestedAt ?? Instant.MaxValue).CompareTo(b.RequestedAt ?? Instant.MaxValue);
            return order < 0 || (order == 0 && string.CompareOrdinal(a.Refund, b.Refund) < 0);
        }
    }

    /// <summary>Whether closed case <paramref name="c"/> decides its order's ruling rather than <paramref name="known"/>.</summary>
    private static bool Outweighs(CaseFact c, Instant closed, CaseFact known)
    {
        var liable = c.Outcome == SellerLiable;
        var knownLiable = known.Outcome == SellerLiable;
        if (liable != knownLiable) return liable;
        var order = closed.CompareTo(known.ClosedAt!.Value);
        return order > 0 || (order == 0 && string.CompareOrdinal(c.Case, known.Case) > 0);
    }

    private const string SellerLiable = "seller_liable";

    /// <summary>Gives each order its lowest standing review (a tie goes to the lowest review id).</summary>
    private void AttachReviews()
    {
        var reviews = _reviews.Used;
        for (var i = 0; i < reviews.Length; i++)
        {
            var r = reviews[i];
            if (r.IsRemoved || r.Stars is not { } stars || r.Order is null || _reviews.OrderOf(i, r.Order, _orders) is not { } o) continue;
            if (o.LowestReviewStars is not { } lowest || stars < lowest
                || (stars == lowest && string.CompareOrdinal(r.Review, o.LowestReview) < 0))
            {
                o.LowestReviewStars = stars;
                o.LowestReview = r.Review;
            }
        }
    }

    /// <summary>Counts each order's cases and keeps its first (a tie in time goes to the lowest case id).</summary>
    private void AttachCases()
    {
        var cases = _cases.Used;
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            if (c.OpenedAt is not { } opened || c.Order is null || _cases.OrderOf(i, c.Order, _orders) is not { } o) continue;
            o.CaseCount++;
            if (o.FirstCaseAt is not { } first || opened < first
                || (opened == first && string.CompareOrdinal(c.Case, o.FirstCase) < 0))
            {
                o.FirstCaseAt = opened;
                o.FirstCase = c.Case;
            }
        }
    }

    private static sbyte[] BuildKinds()
    {
        var kinds = new sbyte[Enum.GetValues<EventType>().Length];
        foreach (var type in Enum.GetValues<EventType>())
        {
            kinds[(int)type] = type switch
            {
                EventType.OrderPlaced or EventType.OrderStatus or EventType.OrderStatusCorrected
                    or EventType.ShipmentShipped or EventType.ShipmentTrackingAdded or EventType.ShipmentPickedUp
                    or EventType.ShipmentDelivered or EventType.ShipmentReturned or EventType.OrderRiskFlagged => Orders,
                EventType.ReviewPosted or EventType.ReviewUpdated or EventType.ReviewRemoved or EventType.ReviewReplied
                    or EventType.ReviewResolved or EventType.ReviewFlaggedFake => Reviews,
                EventType.CaseOpened or EventType.CaseResponded or EventType.CaseEscalated or EventType.CaseClosed => Cases,
                EventType.ComplaintFiled => Complaints,
                EventType.RefundRequested or EventType.RefundSellerAction or EventType.RefundBuyerAction
                    or EventType.RefundReturnReceived or EventType.RefundCompleted or EventType.RefundSpontaneous => Refunds,
                EventType.ChatMessage or EventType.ChatRated => Chats,
                EventType.SellerPlanSubmitted or EventType.SellerRegistered => Seller,
                _ => -1,
            };
        }
        return kinds;
    }

    /// <summary>
    /// One seller's facts of one kind while folding: id → slot, the facts in first-seen order, their
    /// winners, and where in arrival order each id was first seen.
    /// </summary>
    private sealed class Table<TFact>
        where TFact : class
    {
        private Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private int[] _firstSeen = [];
        private bool _unordered;

        public TFact[] Facts = [];
        public Winners[] Winners = [];
        public int Count;

        // Per slot, the order its fact was last found to be about, and by which id: an incremental fold builds a seller's
        // facts again on every day, and looking each review's and case's order up again by its id was most of the build.
        // An order's fact, once made, stays the same object until the next seller (Reset), wherever its slot moves.
        private OrderFact?[] _order = [];
        private string?[] _orderId = [];

        public ReadOnlySpan<TFact> Used => Facts.AsSpan(0, Count);

        /// <summary>Forgets the last seller; makes room for <paramref name="events"/> events, an upper bound on the facts.</summary>
        public void Reset(int events)
        {
            Array.Clear(Facts, 0, Count);
            Array.Clear(Winners, 0, Count);
            Array.Clear(_order, 0, Count);
            Array.Clear(_orderId, 0, Count);
            Count = 0;
            _unordered = false;
            // Clearing costs the table's capacity: after a much larger seller, start a small table instead.
            if (_slots.EnsureCapacity(0) > (4 * events) + 64) _slots = new Dictionary<string, int>(events, StringComparer.Ordinal);
            else _slots.Clear();
            _slots.EnsureCapacity(events);
            if (Facts.Length < events) Grow(events);
        }

        /// <summary>
        /// The slot of <paramref name="id"/>, seen at <paramref name="position"/> in arrival order;
        /// <paramref name="isNew"/> when the caller must put a new fact there.
        /// </summary>
        public int SlotOf(string id, int position, out bool isNew)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, id, out var exists);
            isNew = !exists;
            if (!exists)
            {
                if (Count == Facts.Length) Grow(Count + 1);
                slot = Count++;
                _firstSeen[slot] = position;
                // Added out of arrival order (an incremental fold adds events by instant): reorder at the build.
                if (slot > 0 && position < _firstSeen[slot - 1]) _unordered = true;
            }
            else if (position < _firstSeen[slot])
            {
                _firstSeen[slot] = position;
                _unordered = true;
            }
            return slot;
        }

        public TFact? Find(string id) => _slots.TryGetValue(id, out var slot) ? Facts[slot] : null;

        /// <summary>
        /// The order fact <paramref name="id"/> (the order of the fact in <paramref name="slot"/>) names in
        /// <paramref name="orders"/>, or null: what <c>orders.Find(id)</c> gives, looked up again only when the slot's
        /// id is another string than last time or was not found then.
        /// </summary>
        public OrderFact? OrderOf(int slot, string id, Table<OrderFact> orders)
        {
            if (ReferenceEquals(_orderId[slot], id)) return _order[slot];
            if (orders.Find(id) is not { } order) return null;
            _order[slot] = order;
            _orderId[slot] = id;
            return order;
        }

        public TFact[] ToArray() => Count == 0 ? [] : Facts.AsSpan(0, Count).ToArray();

        /// <summary>Puts the facts back in the order their ids were first seen in arrival order, as one pass over the events in that order gives.</summary>
        public void RestoreFirstSeenOrder()
        {
            if (!_unordered) return;
            _unordered = false;
            var order = new int[Count];
            for (var i = 0; i < Count; i++) order[i] = i;
            var firstSeen = _firstSeen;
            Array.Sort(order, (a, b) => firstSeen[a].CompareTo(firstSeen[b]));
            var newSlot = new int[Count];
            for (var i = 0; i < Count; i++) newSlot[order[i]] = i;
            var facts = new TFact[Facts.Length];
            var winners = new Winners[Facts.Length];
            var seen = new int[Facts.Length];
            var orderOf = new OrderFact?[Facts.Length];
            var orderId = new string?[Facts.Length];
            for (var i = 0; i < Count; i++)
            {
                facts[i] = Facts[order[i]];
                winners[i] = Winners[order[i]];
                seen[i] = _firstSeen[order[i]];
                orderOf[i] = _order[order[i]];
                orderId[i] = _orderId[order[i]];
            }
            (Facts, Winners, _firstSeen, _order, _orderId) = (facts, winners, seen, orderOf, orderId);
            foreach (var id in _slots.Keys.ToArray()) _slots[id] = newSlot[_slots[id]];
        }

        private void Grow(int needed)
        {
            var size = Math.Max(Math.Max(needed, 4), Facts.Length * 2);
            Array.Resize(ref Facts, size);
            Array.Resize(ref Winners, size);
            Array.Resize(ref _firstSeen, size);
            Array.Resize(ref _order, size);
            Array.Resize(ref _orderId, size);
        }
    }

    /// <summary>
    /// The events of each refund or conversation of one seller, gathered to be built in their total order,
    /// with the groups in the order their ids were first seen in arrival order.
    /// </summary>
    private sealed class EventGroups
    {
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly List<(string Id, List<StandingEvent> Events, int FirstSeen)> _groups = [];
        private bool _unordered;

        public int Count => _groups.Count;

        public void Clear()
        {
            _slots.Clear();
            _groups.Clear();
            _unordered = false;
        }

        public void Add(string id, StandingEvent e, int position)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, id, out var exists);
            if (!exists)
            {
                slot = _groups.Count;
                if (slot > 0 && position < _groups[slot - 1].FirstSeen) _unordered = true;
                _groups.Add((id, [e], position));
                return;
            }
            var group = _groups[slot];
            group.Events.Add(e);
            if (position < group.FirstSeen)
            {
                _groups[slot] = group with { FirstSeen = position };
                _unordered = true;
            }
        }

        public IEnumerable<(string Id, List<StandingEvent> Events)> InFirstSeenOrder()
        {
            if (_unordered)
            {
                _unordered = false;
                _groups.Sort((a, b) => a.FirstSeen.CompareTo(b.FirstSeen));
                for (var i = 0; i < _groups.Count; i++) _slots[_groups[i].Id] = i;
            }
            foreach (var (id, events, _) in _groups) yield return (id, events);
        }
    }
}
