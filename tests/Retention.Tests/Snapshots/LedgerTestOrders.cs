using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Tests.Snapshots;

/// <summary>
/// Random but seeded orders of one shop with every as-of rule in play: tests, pending, cancellations, partial and full
/// refunds; most with lines (of a few shared products), a channel, codes and a country, some with none of them.
/// </summary>
internal static class LedgerTestOrders
{
    public static readonly Shop Shop = new("ledger-shop", "Europe/Berlin", "EUR", DateTimeOffset.UnixEpoch);
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<NormalizedOrder> Generate(Random random, int count, int customers, string idPrefix = "o")
    {
        var orders = new List<NormalizedOrder>(count);
        for (var i = 0; i < count; i++) orders.Add(Order(random, $"{idPrefix}{i}", $"c{random.Next(customers)}"));
        return orders;
    }

    /// <summary>A new version of an order: same id and customer, another status, total or refunds, a later update.</summary>
    public static NormalizedOrder Revise(Random random, NormalizedOrder order) =>
        Order(random, order.OrderId, order.CustomerKey) with { UpdatedAt = order.UpdatedAt.AddDays(1) };

    private static readonly OrderChannel[] Channels =
    [
        OrderChannel.Unknown, OrderChannel.From("google", "cpc", "spring", null, "web", isStorefront: true),
        OrderChannel.From(null, null, null, "instagram.com", "web", isStorefront: true), OrderChannel.From(null, null, null, null, "pos", isStorefront: false),
    ];

    private static readonly string[] Countries = ["DE", "AT", "FR", "GB"];

    private static NormalizedOrder Order(Random random, string id, string customer)
    {
        var order = Bare(random, id, customer);
        if (random.Next(10) < 2) return order;
        var lines = Enumerable.Range(0, random.Next(0, 5)).Select(i =>
        {
            var quantity = random.Next(1, 4);
            return new OrderLine($"p{random.Next(30)}", $"v{i}", random.Next(2) == 0 ? null : $"SKU-{i}", random.Next(5) == 0 ? null : $"Product {i}",
                quantity, Math.Round((decimal)random.NextDouble() * 40, 2), random.Next(6) == 0 ? 1 : 0);
        }).ToArray();
        return order with
        {
            Lines = lines,
            Channel = Channels[random.Next(Channels.Length)],
            DiscountCodes = random.Next(3) == 0 ? ["welcome10"] : [],
            Country = random.Next(6) == 0 ? null : Countries[random.Next(Countries.Length)],
        };
    }

    internal static NormalizedOrder Bare(Random random, string id, string customer)
    {
        // Hours, not days, so orders fall near midnight in Berlin and the local-day conversion matters.
        var at = Start.AddHours(random.Next(0, 24 * 120));
        var total = Math.Round((decimal)(random.NextDouble() * 100) + 1m, 2);
        var later = at.AddHours(random.Next(1, 24 * 20));
        var roll = random.Next(100);
        return roll switch
        {
            < 3 => Make(id, customer, at, total, OrderStatus.Paid, null, [], test: true),
            < 8 => Make(id, customer, at, total, OrderStatus.Pending, null, []),
            < 15 => Make(id, customer, at, total, OrderStatus.Cancelled, later, []),
            < 20 => Make(id, customer, at, total, OrderStatus.Refunded, null, [new OrderRefund("r" + id, total, later)]),
            < 30 => Make(id, customer, at, total, OrderStatus.Paid, null,
                [new OrderRefund("r1" + id, Math.Round(total / 4, 2), later), new OrderRefund("r2" + id, Math.Round(total / 4, 2), later.AddDays(3))]),
            _ => Make(id, customer, at, total, roll < 60 ? OrderStatus.Fulfilled : OrderStatus.Paid, null, []),
        };
    }

    private static NormalizedOrder Make(string id, string customer, DateTimeOffset at, decimal total, OrderStatus status,
        DateTimeOffset? cancelledAt, IReadOnlyList<OrderRefund> refunds, bool test = false) =>
        new(Shop.Id, id, customer, at, at, "EUR", total, status, cancelledAt, refunds, test, "generic", "evt-" + id);
}
