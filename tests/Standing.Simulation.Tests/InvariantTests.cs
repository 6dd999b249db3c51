using NodaTime;

namespace Standing.Simulation.Tests;

/// <summary>The stream's invariants hold for other seeds, sizes and local offsets, not just the shared history.</summary>
public sealed class InvariantTests
{
    public static TheoryData<int, int, int, double, int> Settings => new()
    {
        { 7, 60, 150, 1.5, 1 },   // another seed
        { 8, 10, 2, 5, 8 },       // a two-day history, UTC+8
        { 9, 4, 30, 150, -5 },    // a few very big sellers, UTC−5
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Causal_order_unique_ids_and_the_event_contract_hold(int seed, int sellers, int days, double ordersPerDay, int offsetHours)
    {
        var market = new SimulatedMarketplace(SimulatedMarketplace.Options with
        {
            Seed = seed,
            Sellers = sellers,
            Days = days,
            OrdersPerSellerPerDay = ordersPerDay,
            LocalOffset = Offset.FromHours(offsetHours),
        });
        var causal = new CausalOrderTests(market);
        var generator = new GeneratorTests(market);

        causal.Each_orders_events_come_in_causal_order();
        causal.Reviews_cases_refunds_and_conversations_follow_their_opening_event();
        causal.The_first_event_of_every_seller_is_its_registration();
        generator.Every_event_is_before_the_end_of_the_history();
        generator.Event_ids_are_unique();
        generator.Orders_reviews_cases_refunds_complaints_and_conversations_have_unique_ids();
        generator.Every_event_has_the_fields_its_type_requires_with_allowed_values();
        generator.Events_are_grouped_by_seller_and_sorted_by_time_within_each();
    }
}
