using Retention.Core.Orders;
using Retention.Core.Generic;

namespace Retention.Core.Simulation;

/// <summary>One delivery of a generated history: the webhook id and the generic order event body.</summary>
public sealed record SyntheticDelivery(string EventId, string OrderId, byte[] Body);

/// <summary>The shape of a generated shop: how many customers over which days, from which seed.</summary>
public sealed record SyntheticShopOptions(int Customers, DateOnly From, DateOnly To, int Seed, string Currency = "EUR");

/// <summary>
/// A deterministic synthetic shop history, shaped like real retail: customers arrive over the period, buy at
/// individual Poisson rates (gamma-distributed across customers) until they drop out after a purchase with an
/// individual probability (the BG/NBD story), and spend around an individual mean. A few orders are guests
/// known only by e-mail, test orders, pending orders that never complete, refunds and cancellations that
/// arrive later as updates of the same order. The same options always give the same deliveries.
/// </summary>
public static class SyntheticShopHistory
{
    public static IReadOnlyList<SyntheticDelivery> Generate(SyntheticShopOptions options)
    {
        var random = new Random(options.Seed);
        // What was bought and where customers came from, from a random source of its own: the orders' days and amounts
        // are the same as without them.
        var facetRandom = new Random(options.Seed + 7);
        var start = new DateTimeOffset(options.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(options.To.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        var days = (end - start).TotalDays;
        var deliveries = new List<SyntheticDelivery>();
        var orderNumber = 1000;

        for (var c = 0; c < options.Customers; c++)
        {
            var isGuest = random.NextDouble() < 0.15;
            var customer = isGuest
                ? new GenericOrderEventWriter.Customer(null, $"Guest.{c}@Example.com")
                : new GenericOrderEventWriter.Customer($"cust-{c:D6}", null);
            var ratePerDay = Gamma(random, 0.9, 0.012);
            var dropOut = 0.1 + 0.6 * random.NextDouble() * random.NextDouble();
            var meanSpend = Gamma(random, 6, 10);

            var at = start.AddDays(random.NextDouble() * days);
            while (at <= end)
            {
                var orderId = (orderNumber++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var total = Math.Round((decimal)(meanSpend * (0.6 + 0.8 * random.NextDouble())), 2) + 5m;
                deliveries.AddRange(Order(random, orderId, customer, at, total, options.Currency, end, SyntheticBaskets.Next(facetRandom, total)));
                if (random.NextDouble() < dropOut) break;
                at = at.AddDays(Exponential(random, ratePerDay));
            }
        }
        return deliveries;
    }

    private static IEnumerable<SyntheticDelivery> Order(Random random, string orderId, GenericOrderEventWriter.Customer customer,
        DateTimeOffset at, decimal total, string currency, DateTimeOffset end, GenericOrderEventWriter.Facets facets)
    {
        var roll = random.NextDouble();
        var created = roll switch
        {
            < 0.005 => (OrderStatus.Paid, true),
            < 0.025 => (OrderStatus.Pending, false),
            _ => (OrderStatus.Paid, false),
        };
        yield return Delivery(orderId, 1, GenericOrderEventWriter.Write(orderId, customer, at, at, currency, total, created.Item1, test: created.Item2,
            facets: facets));
        if (created.Item2 || created.Item1 == OrderStatus.Pending) yield break;

        var later = at.AddHours(1 + random.NextDouble() * 24 * 14);
        if (later > end) yield break;
        var follow = random.NextDouble();
        if (follow < 0.02)
        {
            yield return Delivery(orderId, 2, GenericOrderEventWriter.Write(orderId, customer, at, later, currency, total,
                OrderStatus.Cancelled, cancelledAt: later, facets: facets));
        }
        else if (follow < 0.06)
        {
            var full = follow < 0.03;
            var amount = full ? total : Math.Round(total * 0.3m, 2);
            yield return Delivery(orderId, 2, GenericOrderEventWriter.Write(orderId, customer, at, later, currency, total,
                full ? OrderStatus.Refunded : OrderStatus.Paid, [new OrderRefund($"r-{orderId}", amount, later)], facets: facets));
        }
        else if (follow < 0.5)
        {
            yield return Delivery(orderId, 2, GenericOrderEventWriter.Write(orderId, customer, at, later, currency, total, OrderStatus.Fulfilled, facets: facets));
        }
    }

    private static SyntheticDelivery Delivery(string orderId, int version, byte[] body) => new($"evt_{orderId}_{version}", orderId, body);

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / Math.Max(rate, 1e-6);

    /// <summary>Marsaglia and Tsang's method; for shape &lt; 1 the usual boost by U^(1/shape).</summary>
    private static double Gamma(Random random, double shape, double scale)
    {
        if (shape < 1) return Gamma(random, shape + 1, scale) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v * scale;
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
