using System.Globalization;
using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Cli.Bench;

/// <summary>
/// A deterministic synthetic shop for <c>retention bench nightly</c>, generated straight into
/// <see cref="NormalizedOrder"/> rows (no JSON, no CSV): the same counts, years and seed give the same orders.
/// Customers arrive uniformly over the period, each with a first order on arrival; the remaining orders go to
/// customers chosen with a skew (a few buy often, most rarely), on a day between their arrival and the as-of day.
/// About 0.5 % test orders, 1 % pending, 2 % cancelled, 1 % fully and 2 % partly refunded — refunds and
/// cancellations dated after the order, so the as-of rules have work to do. The history always ends on
/// <see cref="AsOf"/>; twice the years with twice the orders and customers keeps the daily volume (the day's
/// changes) the same and doubles only the history behind it. With <c>facets</c> each order also gets lines, a channel,
/// codes and a country (<see cref="NightlyBenchFacets"/>), from a random source of its own, so the orders' dates and
/// amounts are the same with and without them and the two nights compare like for like.
/// </summary>
public sealed record NightlyBenchShop(Shop Shop, DateOnly From, DateOnly AsOf, int Customers, NormalizedOrder[] Orders)
{
    public static readonly DateOnly DefaultAsOf = new(2025, 12, 31);
    private static readonly IReadOnlyList<OrderRefund> NoRefunds = [];

    public int OrdersOnAsOfDay => Orders.Count(o => Shop.LocalDate(o.OrderedAt) == AsOf);

    public static string OrderId(int i) => (10_000_000 + i).ToString(CultureInfo.InvariantCulture);

    public static NightlyBenchShop Generate(string shopId, int orders, int customers, int years, int seed, bool facets = false)
    {
        var (shop, from, asOf) = Frame(shopId, years);
        return new NightlyBenchShop(shop, from, asOf, customers, [.. Stream(shopId, orders, customers, years, seed, facets)]);
    }

    /// <summary>The bench shop registered as <paramref name="shopId"/>, the first day of its history and its as-of day.</summary>
    public static (Shop Shop, DateOnly From, DateOnly AsOf) Frame(string shopId, int years)
    {
        var asOf = DefaultAsOf;
        return (new Shop(shopId, "Europe/Berlin", "EUR", DateTimeOffset.UnixEpoch), asOf.AddYears(-years).AddDays(1), asOf);
    }

    /// <summary>
    /// The orders of <see cref="Generate"/>, one at a time and none kept: what the child-process bench writes into a ledger
    /// file, so that ten million orders never live as objects at once. Each random source is drawn in the same order as
    /// when every order was generated first and the facets after, so both give the same orders.
    /// </summary>
    public static IEnumerable<NormalizedOrder> Stream(string shopId, int orders, int customers, int years, int seed, bool facets = false)
    {
        if (customers < 1 || orders < customers) throw new ArgumentException("need at least one customer and one order per customer");
        return Generated(shopId, orders, customers, years, seed, facets);
    }

    private static IEnumerable<NormalizedOrder> Generated(string shopId, int orders, int customers, int years, int seed, bool facets)
    {
        var (_, from, asOf) = Frame(shopId, years);
        // UTC instants whose Berlin date lies in [from, asOf]: 22:00Z is 23:00 or midnight minus one in Berlin.
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(asOf.ToDateTime(new TimeOnly(21, 59, 59)), TimeSpan.Zero);
        var span = (end - start).TotalSeconds;
        var random = new Random(seed);

        var keys = new string[customers];
        var arrival = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            keys[c] = "cust-" + c.ToString("D7", CultureInfo.InvariantCulture);
            arrival[c] = random.NextDouble() * span;
        }

        var facetRandom = facets ? new Random(seed + 1) : null;
        var generator = facets ? new NightlyBenchFacets() : null;
        for (var i = 0; i < orders; i++)
        {
            int c;
            double offset;
            if (i < customers)
            {
                c = i;
                offset = arrival[c];
            }
            else
            {
                // u² skews towards low customer numbers: some customers are regulars, most buy once or twice.
                var u = random.NextDouble();
                c = (int)(u * u * customers);
                offset = arrival[c] + random.NextDouble() * (span - arrival[c]);
            }
            var at = start.AddSeconds(Math.Floor(offset));
            var total = Math.Round(5m + (decimal)(random.NextDouble() * random.NextDouble() * 200), 2);
            var later = at.AddHours(1 + random.NextDouble() * 24 * 14);
            var id = OrderId(i);
            var roll = random.NextDouble();
            var order = roll switch
            {
                < 0.005 => Order(shopId, id, keys[c], at, at, total, OrderStatus.Paid, null, NoRefunds, test: true),
                < 0.015 => Order(shopId, id, keys[c], at, at, total, OrderStatus.Pending, null, NoRefunds),
                < 0.035 => Order(shopId, id, keys[c], at, later, total, OrderStatus.Cancelled, later, NoRefunds),
                < 0.045 => Order(shopId, id, keys[c], at, later, total, OrderStatus.Refunded, null, [new OrderRefund("r-" + id, total, later)]),
                < 0.065 => Order(shopId, id, keys[c], at, later, total, OrderStatus.Paid, null, [new OrderRefund("r-" + id, Math.Round(total * 0.3m, 2), later)]),
                < 0.5 => Order(shopId, id, keys[c], at, later, total, OrderStatus.Fulfilled, null, NoRefunds),
                _ => Order(shopId, id, keys[c], at, at, total, OrderStatus.Paid, null, NoRefunds),
            };
            yield return generator is null ? order : generator.Add(order, facetRandom!);
        }
    }

    private static NormalizedOrder Order(string shopId, string orderId, string customer, DateTimeOffset at, DateTimeOffset updated,
        decimal total, OrderStatus status, DateTimeOffset? cancelledAt, IReadOnlyList<OrderRefund> refunds, bool test = false) =>
        new(shopId, orderId, customer, at, updated, "EUR", total, status, cancelledAt, refunds, test, "generic", "bench:" + orderId);
}
