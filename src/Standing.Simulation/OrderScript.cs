using Standing.Core.Events;

namespace Standing.Simulation;

/// <summary>
/// One order in full mode, from placement to its final status: buyer or seller cancellation, the
/// seller's status confirmations (on time or past 1 business day), shipping with or without tracking,
/// carrier pickup, delivery on time or late, a lost parcel, wrongly entered final statuses, and then
/// the after-sales that follow delivery.
/// </summary>
internal static class OrderScript
{
    /// <summary>Share of orders preceded by a pre-sale conversation that ends with the order.</summary>
    private const double ConvertedConversationShare = 0.12;

    /// <summary>Share of orders the platform's risk control flags as risk data (e.g. brushing), a few days after placement.</summary>
    private const double RiskFlaggedShare = 0.004;

    public static void Run(SellerContext c, long placed)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var b = c.B;
        var p = c.Profile;
        var quality = c.Quality(placed);

        var order = c.NextOrder();
        var buyer = c.Buyers.Pick(rng);
        var shipBy = c.Clock.EndOfDay(placed, p.HandlingDays);
        var deliverBy = c.Clock.EndOfDay(placed, p.HandlingDays + p.TransitDays);
        w.OrderPlaced(placed, order, buyer, shipBy, deliverBy, c.Amount(), c.Options.Currency);
        w.Status(placed, order, OrderStatus.Open, "system");
        c.RememberOrder(order, buyer, placed);
        if (rng.Chance(RiskFlaggedShare))
        {
            w.RiskFlagged(placed + c.Hours(6, 96), order, "brushing");
        }
        if (c.Options.ConversationsPerOrder > 0 && rng.Chance(ConvertedConversationShare))
        {
            ConversationScript.BeforeOrder(c, placed, order, buyer);
        }

        if (rng.Chance(b.BuyerCancelRate))
        {
            AfterSalesScript.BuyerCancels(c, order, placed, shipBy);
            return;
        }

        var lateConfirmation = c.Problem(b.LateConfirmationRate, quality);
        if (c.Problem(b.SellerCancelRate, quality))
        {
            SellerCancels(c, order, placed, lateConfirmation, quality);
            return;
        }

        // Ship time first, then the "shipping" confirmation no later than it.
        var tShip = c.Problem(b.LateShipRate, quality)
            ? shipBy + c.Hours(2, 72)
            : placed + (long)((shipBy - placed) * rng.Uniform(0.05, 0.85));
        var deadline = c.Clock.NextBusinessDay(placed);
        long tConfirm;
        if (lateConfirmation)
        {
            tConfirm = deadline + c.Hours(1, 48);
            if (tShip < tConfirm + 600)
            {
                tShip = tConfirm + c.Minutes(10, 240);
            }
        }
        else
        {
            var limit = Math.Min(deadline, tShip);
            var u = rng.NextDouble();
            tConfirm = placed + LocalClock.Minute + (long)(u * u * Math.Max(0, limit - placed - LocalClock.Minute));
        }
        w.Status(tConfirm, order, OrderStatus.Shipping, "seller");

        Ship(c, order, tShip, quality);
        w.Status(tShip + rng.Next(300), order, OrderStatus.Shipped, "seller");

        var tPickup = c.Problem(b.LatePickupRate, quality)
            ? tShip + LocalClock.Day + c.Hours(1, 48)
            : tShip + c.Minutes(20, 20 * 60);
        w.Shipment(tPickup, EventType.ShipmentPickedUp, order);

        if (c.Problem(b.LostShipmentRate, quality))
        {
            AfterSalesScript.Lost(c, order, deliverBy, quality);
            return;
        }

        var arrival = tPickup + c.DaysBetween(1, p.TransitDays);
        var tDelivered = c.Problem(b.LateDeliveryRate, quality)
            ? Math.Max(arrival, deliverBy + c.Hours(2, 96))
            : Math.Max(Math.Min(arrival, deliverBy - c.Hours(0, 6)), tPickup + LocalClock.Hour);
        var late = tDelivered > deliverBy;
        w.Shipment(tDelivered, EventType.ShipmentDelivered, order);

        var tStatus = c.SellerAction(tDelivered, c.Problem(b.LateConfirmationRate, quality));
        var statusError = c.Problem(b.StatusErrorRate, quality);
        if (statusError)
        {
            // MALL's example: a delivered order entered as CANCELLED, corrected later.
            w.Status(tStatus, order, OrderStatus.Cancelled, "seller");
            w.StatusCorrected(tStatus + c.DaysBetween(1, 10), order, OrderStatus.Cancelled, OrderStatus.Delivered);
        }
        else
        {
            w.Status(tStatus, order, OrderStatus.Delivered, "seller");
        }

        AfterSalesScript.AfterDelivery(c, order, tDelivered, deliverBy, tStatus, late, statusError, quality);
    }

    private static void SellerCancels(SellerContext c, string order, long placed, bool late, double quality)
    {
        var rng = c.Rng;
        var w = c.Writer;
        var tCancel = c.SellerAction(placed, late);
        if (c.Problem(c.B.StatusErrorRate, quality) && rng.Chance(0.3))
        {
            // The reverse error: a cancelled order entered as DELIVERED, corrected later.
            w.Status(tCancel, order, OrderStatus.Delivered, "seller");
            w.StatusCorrected(tCancel + c.DaysBetween(1, 8), order, OrderStatus.Delivered, OrderStatus.Cancelled);
        }
        else
        {
            w.Status(tCancel, order, OrderStatus.Cancelled, "seller", "out_of_stock");
        }
        if (rng.Chance(Math.Min(c.B.ReviewRate * 1.5, 1)))
        {
            var negative = rng.Chance(0.6);
            var stars = negative ? c.Stars(1) : c.Stars(0);
            ReviewScript.Post(c, tCancel + c.Hours(1, 72), order, stars, negative ? Phrases.OutOfStockReview : null);
        }
    }

    private static void Ship(SellerContext c, string order, long tShip, double quality)
    {
        var rng = c.Rng;
        var carrier = rng.Chance(0.8)
            ? Carrier.All[c.Profile.Index % Carrier.All.Length]
            : Carrier.All[rng.Next(Carrier.All.Length)];
        var tracking = Ids.Make(carrier.Code, 1_000_000_000L + (long)(rng.NextDouble() * 8_999_999_999L));
        if (!c.Problem(c.B.MissingTrackingRate, quality))
        {
            c.Writer.Shipped(tShip, order, tracking, carrier.TrackingUrl + tracking, carrier.Name);
            return;
        }
        // Missing tracking data: no link (60%) or neither number nor link; sometimes added later.
        c.Writer.Shipped(tShip, order, rng.Chance(0.6) ? tracking : null, null, carrier.Name);
        if (rng.Chance(0.35))
        {
            c.Writer.TrackingAdded(tShip + c.Hours(1, 72), order, tracking, carrier.TrackingUrl + tracking);
        }
    }
}
