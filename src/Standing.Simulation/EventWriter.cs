using NodaTime;
using Standing.Core.Events;

namespace Standing.Simulation;

/// <summary>
/// Collects one seller's events, each stamped with a unique id, and hands them back sorted by time
/// (ties in the order they were written, so each causal chain keeps its order). Events at or after the
/// end of the history are dropped: they have not happened yet. Times are Unix seconds.
/// </summary>
internal sealed class EventWriter
{
    private readonly string? _marketplace;
    private long[] _keys = new long[1024];
    private StandingEvent[] _items = new StandingEvent[1024];
    private int _count;
    private uint _sequence;
    private string _seller = "";
    private string _idPrefix = "";
    private long _base;
    private long _end;

    public EventWriter(string? marketplace) => _marketplace = marketplace;

    public int Count => _count;

    /// <summary>The event at a position in time order (valid after <see cref="Finish"/>).</summary>
    public StandingEvent this[int index] => _items[(int)(uint)_keys[index] - 1];

    /// <summary>Starts a seller: events from <paramref name="baseTime"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public void Begin(string seller, long baseTime, long end)
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _sequence = 0;
        _seller = seller;
        _idPrefix = "e-" + seller + "-";
        _base = baseTime;
        _end = end;
    }

    /// <summary>
    /// Sorts the seller's events by time, ties by writing order. Only the keys move: their low half is
    /// the writing sequence, which is also the event's position in <c>_items</c>.
    /// </summary>
    public void Finish() => Array.Sort(_keys, 0, _count);

    public bool Accepts(long t) => t < _end;

    public void OrderPlaced(long t, string order, string buyer, long shipBy, long deliverBy, decimal amount, string currency)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.OrderPlaced, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Order = order, Buyer = buyer, ShipBy = At(shipBy), DeliverBy = At(deliverBy), Amount = amount,
            Currency = currency,
        });
    }

    public void Status(long t, string order, OrderStatus status, string by, string? reason = null)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.OrderStatus, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Order = order, Status = status, By = by, Reason = reason,
        });
    }

    public void StatusCorrected(long t, string order, OrderStatus from, OrderStatus to)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.OrderStatusCorrected, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Order = order, StatusFrom = from, StatusTo = to, By = "platform",
        });
    }

    public void Shipped(long t, string order, string? tracking, string? trackingUrl, string carrier)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ShipmentShipped, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Order = order, Tracking = tracking, TrackingUrl = trackingUrl, Carrier = carrier,
        });
    }

    public void TrackingAdded(long t, string order, string tracking, string trackingUrl)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ShipmentTrackingAdded, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Order = order, Tracking = tracking, TrackingUrl = trackingUrl,
        });
    }

    /// <summary>order.risk_flagged: the platform's risk control marks the order as risk data.</summary>
    public void RiskFlagged(long t, string order, string reason)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.OrderRiskFlagged, At = At(t), Seller = _seller, Marketplace = _marketplace, Order = order, Reason = reason,
        });
    }

    public void Shipment(long t, EventType type, string order)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = type, At = At(t), Seller = _seller, Marketplace = _marketplace, Order = order,
        });
    }

    public void ReviewPosted(long t, string review, string order, int stars, string? text)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ReviewPosted, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Review = review, Order = order, Stars = stars, Text = text,
        });
    }

    public void ReviewUpdated(long t, string review, int stars, string? text)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ReviewUpdated, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Review = review, Stars = stars, Text = text,
        });
    }

    /// <summary>review.removed, review.replied (with the seller's text), review.resolved, review.flagged_fake.</summary>
    public void Review(long t, EventType type, string review, string? text = null)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = type, At = At(t), Seller = _seller, Marketplace = _marketplace, Review = review,
            Text = text,
        });
    }

    public void ComplaintFiled(long t, string complaint, string order, string kind, string? text)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ComplaintFiled, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Complaint = complaint, Order = order, Kind = kind, Text = text,
        });
    }

    public void CaseOpened(long t, string @case, string order, string kind)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.CaseOpened, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Case = @case, Order = order, Kind = kind,
        });
    }

    /// <summary>case.responded, case.escalated, and case.closed (with an outcome).</summary>
    public void Case(long t, EventType type, string @case, string? outcome = null)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = type, At = At(t), Seller = _seller, Marketplace = _marketplace, Case = @case,
            Outcome = outcome,
        });
    }

    public void RefundRequested(long t, string refund, string order, string kind)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundRequested, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund, Order = order, Kind = kind,
        });
    }

    public void RefundSellerAction(long t, string refund, string action)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundSellerAction, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund, Action = action,
        });
    }

    public void RefundBuyerAction(long t, string refund, string phase)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundBuyerAction, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund, Phase = phase,
        });
    }

    public void RefundReturnReceived(long t, string refund)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundReturnReceived, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund,
        });
    }

    public void RefundCompleted(long t, string refund, string outcome)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundCompleted, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund, Outcome = outcome,
        });
    }

    public void RefundSpontaneous(long t, string refund, string order, string reason, decimal amount, string currency)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.RefundSpontaneous, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Refund = refund, Order = order, Reason = reason, Amount = amount,
            Currency = currency,
        });
    }

    public void ChatMessage(long t, string conversation, string from, string? buyer, string? agent, bool? humanRequested, string? order, string? text)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ChatMessage, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Conversation = conversation, From = from, Buyer = buyer, Agent = agent, HumanRequested = humanRequested,
            Order = order, Text = text,
        });
    }

    public void ChatRated(long t, string conversation, int? stars, string? rating, string? reason)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.ChatRated, At = At(t), Seller = _seller, Marketplace = _marketplace,
            Conversation = conversation, Stars = stars, Rating = rating, Reason = reason,
        });
    }

    public void SellerRegistered(long t)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.SellerRegistered, At = At(t), Seller = _seller, Marketplace = _marketplace,
        });
    }

    public void PlanSubmitted(long t, string text)
    {
        if (t >= _end)
        {
            return;
        }
        Add(t, new StandingEvent
        {
            Id = NextId(), Type = EventType.SellerPlanSubmitted, At = At(t), Seller = _seller,
            Marketplace = _marketplace, Text = text,
        });
    }

    private static Instant At(long t) => Instant.FromUnixTimeSeconds(t);

    private string NextId() => Ids.Make(_idPrefix, ++_sequence);

    private void Add(long t, StandingEvent e)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
            Array.Resize(ref _keys, _count * 2);
        }
        // Time since the history start in the high bits, the writing order (1-based, = _count + 1) in the
        // low bits: unique keys, so the unstable sort still gives one deterministic order that keeps
        // causal chains intact, and each key leads back to its event.
        _keys[_count] = ((t - _base) << 32) | _sequence;
        _items[_count] = e;
        _count++;
    }
}
