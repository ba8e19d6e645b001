using System.Globalization;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Ledger;
using static Retention.Tests.Snapshots.LedgerTestOrders;

namespace Retention.Tests.Snapshots;

public class OrderLedgerTests
{
    private static readonly string[] SameDayIds = ["注1", "Ω1", "é1", "z1", "e1"];

    private static byte[] Bytes(OrderLedger ledger)
    {
        using var stream = new MemoryStream();
        OrderLedgerFile.Write(ledger, stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Folding_a_day_of_changes_into_a_ledger_gives_the_ledger_built_from_the_new_set_of_orders(int seed)
    {
        var random = new Random(seed);
        var before = Generate(random, 2_000, 300);
        var ledger = OrderLedger.Build(Shop, before);

        // A day of changes: revised orders (some of them to another customer's order slot), deletions, new orders
        // of known and unknown customers.
        var revised = before.Where((_, i) => i % 17 == 0).Select(o => Revise(random, o)).ToList();
        var removed = before.Where((_, i) => i % 23 == 1 && i % 17 != 0).Select(o => o.OrderId).ToList();
        var added = Generate(random, 150, 400, idPrefix: "new");
        var after = before.Where(o => !removed.Contains(o.OrderId))
            .Select(o => revised.FirstOrDefault(r => r.OrderId == o.OrderId) ?? o).Concat(added).ToList();

        var folded = ledger.Apply(Shop, revised.Concat(added), removed);

        Assert.Equal(after.Count, folded.Count);
        Assert.Equal(Bytes(OrderLedger.Build(Shop, after)), Bytes(folded));
        Assert.Equal(FacetsOf(OrderLedger.Build(Shop, after)), FacetsOf(folded));
        Assert.Equal(2_000, ledger.Count);
    }

    /// <summary>
    /// Ids are pooled a byte a character while every character is below U+0100 and widened when one is not: a ledger of
    /// Latin-1 ids folded with a day whose ids are not is still the ledger built from the new set, ordered by UTF-16 code
    /// units as string.CompareOrdinal orders them, and reads back from its file the same.
    /// </summary>
    [Fact]
    public void Ids_of_any_characters_fold_sort_and_read_back_as_strings_do()
    {
        var random = new Random(5);
        var before = Generate(random, 600, 80, idPrefix: "é-");
        var ledger = OrderLedger.Build(Shop, before);
        var revised = before.Where((_, i) => i % 13 == 0).Select(o => Revise(random, o)).ToList();
        var added = Generate(random, 60, 100, idPrefix: "注文-").Concat(Generate(random, 60, 100, idPrefix: "z")).ToList();
        var after = before.Select(o => revised.FirstOrDefault(r => r.OrderId == o.OrderId) ?? o).Concat(added).ToList();

        var folded = ledger.Apply(Shop, revised.Concat(added), []);

        Assert.Equal(Bytes(OrderLedger.Build(Shop, after)), Bytes(folded));
        using var file = new MemoryStream(Bytes(folded));
        Assert.Equal(Bytes(folded), Bytes(OrderLedgerFile.Read(file)));
        // The widened ledger folded again keeps every id as it was.
        var again = after.Where((_, i) => i % 7 == 0).Select(o => Revise(random, o)).ToList();
        var afterAgain = after.Select(o => again.FirstOrDefault(r => r.OrderId == o.OrderId) ?? o).ToList();
        Assert.Equal(Bytes(OrderLedger.Build(Shop, afterAgain)), Bytes(folded.Apply(Shop, again, [])));
        // One customer's orders of one day, in the order of their ids' code units: z < é < Ω < 注.
        var day = Start.AddDays(3);
        var sameDay = SameDayIds.Select(id => Bare(random, id, "c-same") with { OrderedAt = day, Status = OrderStatus.Paid, IsTest = false, CancelledAt = null, Refunds = [] });
        var purchases = OrderLedger.Build(Shop, sameDay).PurchasesAsOf(new DateOnly(2025, 12, 31)).Purchases;
        Assert.Equal(SameDayIds.Reverse(), purchases.Select(p => p.OrderId));
        Assert.Equal(purchases.Select(p => p.OrderId).Order(StringComparer.Ordinal), purchases.Select(p => p.OrderId));
    }

    [Fact]
    public void Removing_an_order_that_is_not_there_changes_nothing()
    {
        var orders = Generate(new Random(7), 100, 20);
        var ledger = OrderLedger.Build(Shop, orders);
        Assert.Equal(Bytes(ledger), Bytes(ledger.Apply(Shop, [], ["no-such-order"])));
    }

    [Theory]
    [InlineData("2025-01-15")]
    [InlineData("2025-02-28")]
    [InlineData("2025-04-30")]
    [InlineData("2025-06-30")]
    public void The_purchases_of_a_day_follow_the_dated_rules_order_by_order(string day)
    {
        var asOf = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var orders = Generate(new Random(11), 3_000, 500);
        var calendar = Shop.Calendar();

        // The rules spelled out here, independently of LedgerOrder: placed by the day in the shop's zone, not a test,
        // ever live, not cancelled by the day, not refunded in full by the day; the amount net of refunds made by then.
        var expected = new List<Purchase>();
        foreach (var o in orders)
        {
            var placed = calendar.LocalDate(o.OrderedAt);
            if (o.IsTest || placed > asOf || o.Status is OrderStatus.Pending or OrderStatus.Failed) continue;
            if (o.CancelledAt is { } c && calendar.LocalDate(c) <= asOf) continue;
            var refunded = o.Refunds.Where(r => calendar.LocalDate(r.RefundedAt) <= asOf).Sum(r => r.Amount);
            if (refunded > 0 && refunded >= o.Total) continue;
            expected.Add(new Purchase(o.CustomerKey, o.OrderId, placed, o.Total - refunded));
        }
        var sorted = expected.OrderBy(p => p.CustomerKey, StringComparer.Ordinal).ThenBy(p => p.Day)
            .ThenBy(p => p.OrderId, StringComparer.Ordinal).ToList();

        var history = OrderLedger.Build(Shop, orders).PurchasesAsOf(asOf);
        Assert.True(sorted.Count > 100);
        Assert.Equal(sorted, history.Purchases);
        Assert.Equal(sorted.Select(p => p.CustomerKey).Distinct().Count(), history.Customers);
        Assert.Equal(sorted.Sum(p => p.NetAmount), OrderLedger.Build(Shop, orders).NetRevenueAsOf(asOf));
    }

    /// <summary>
    /// The night's purchases leave the order ids in the ledger: every figure reads the same columns, and the records, which
    /// would need the ids, are refused with the way to them rather than made with ids missing.
    /// </summary>
    [Fact]
    public void The_purchases_without_ids_give_the_same_figures_and_refuse_to_be_read_as_records()
    {
        var asOf = new DateOnly(2025, 6, 30);
        var ledger = OrderLedger.Build(Shop, Generate(new Random(17), 3_000, 500));
        var withIds = ledger.PurchasesAsOf(asOf);
        var withoutIds = ledger.PurchasesWithoutIdsAsOf(asOf);

        Assert.Equal((withIds.Count, withIds.Customers, withIds.AsOf), (withoutIds.Count, withoutIds.Customers, withoutIds.AsOf));
        var settings = new RetentionSettings();
        var expected = RetentionMetrics.Compute(withIds, settings);
        var actual = RetentionMetrics.Compute(withoutIds, settings);
        Assert.True(expected.Lifetime.Customers > 100);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));
        var refused = Assert.Throws<InvalidOperationException>(() => withoutIds.Purchases);
        Assert.Contains("PurchasesAsOf", refused.Message);
    }

    [Theory]
    [InlineData("2025-02-28")]
    [InlineData("2025-06-30")]
    public void Each_customers_purchases_with_their_facets_are_the_purchases_of_the_day(string day)
    {
        var asOf = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var orders = Generate(new Random(13), 2_000, 300);
        var ledger = OrderLedger.Build(Shop, orders);
        var expected = ledger.PurchasesAsOf(asOf).Purchases;
        var customers = ledger.CustomersAsOf(asOf).ToList();

        Assert.Equal(expected.Select(p => p.CustomerKey).Distinct().Count(), customers.Count);
        Assert.Equal(expected.Select(p => (p.CustomerKey, p.NetAmount)),
            customers.SelectMany(c => c.Purchases.Select(p => (c.CustomerKey, p.NetAmount))));
        var byId = orders.ToDictionary(o => o.OrderId);
        foreach (var purchase in customers.SelectMany(c => c.Purchases))
        {
            var order = byId[purchase.OrderId];
            // Each product once, in the order its lines first name it, with the first title a line gave it.
            Assert.Equal(order.Lines.GroupBy(l => l.ProductId).Select(g => (g.Key, g.Select(l => l.Title).FirstOrDefault(t => t is not null))),
                Enumerable.Range(0, purchase.Facets.ProductCount).Select(i => (purchase.Facets.ProductIdAt(i), purchase.Facets.ProductTitleAt(i))));
            Assert.Equal(order.DiscountCodes, purchase.Facets.DiscountCodes);
            Assert.Equal(order.Country, purchase.Facets.Country);
            Assert.Equal(order.Channel.Label, purchase.Facets.Channel);
        }
        Assert.Contains(customers, c => c.Purchases.Count > 1);
        Assert.All(customers, c => Assert.True(c.Purchases.Zip(c.Purchases.Skip(1)).All(p => p.First.Day <= p.Second.Day)));
    }

    [Fact]
    public void A_ledger_read_back_from_its_file_is_the_same_ledger()
    {
        var ledger = OrderLedger.Build(Shop, Generate(new Random(5), 1_000, 200));
        var bytes = Bytes(ledger);
        var read = OrderLedgerFile.Read(new MemoryStream(bytes));
        Assert.Equal(bytes, Bytes(read));
        Assert.Equal((Shop.Id, Shop.TimeZoneId), (read.ShopId, read.TimeZoneId));
        Assert.Equal(ledger.PurchasesAsOf(new DateOnly(2025, 3, 31)).Purchases, read.PurchasesAsOf(new DateOnly(2025, 3, 31)).Purchases);
        Assert.Equal(FacetsOf(ledger), FacetsOf(read));
    }

    [Fact]
    public void A_shop_of_more_distinct_facets_than_sixteen_bits_can_number_keeps_every_one()
    {
        // A unique discount code an order (as shops that give every customer their own code have): the ledger's strings
        // pass 65,535, the most its facets hold in 16 bits, part-way through a fold, in a build and in a read of its file.
        var orders = Generate(new Random(13), 70_000, 5_000).Select((o, i) => o with { DiscountCodes = [$"unique-{i:D6}"] }).ToList();
        var code = orders.ToDictionary(o => o.OrderId, o => o.DiscountCodes[0]);
        var folded = OrderLedger.Build(Shop, orders.Take(60_000)).Apply(Shop, orders.Skip(60_000), []);
        var built = OrderLedger.Build(Shop, orders);
        var read = OrderLedgerFile.Read(new MemoryStream(Bytes(folded)));

        Assert.Equal(Bytes(built), Bytes(folded));
        Assert.Equal(FacetsOf(built), FacetsOf(folded));
        Assert.Equal(FacetsOf(built), FacetsOf(read));
        var purchases = read.CustomersAsOf(new DateOnly(2025, 6, 30)).SelectMany(c => c.Purchases).ToList();
        Assert.True(purchases.Select(p => p.Facets.DiscountCodeAt(0)).Distinct().Count() > ushort.MaxValue / 2);
        Assert.All(purchases, p => Assert.Equal(code[p.OrderId], p.Facets.DiscountCodeAt(0)));
        Assert.Contains(purchases, p => string.CompareOrdinal(p.Facets.DiscountCodeAt(0), "unique-065535") > 0);
    }

    /// <summary>Every purchase's facets spelled out as text, so two ledgers (with their own string numbers) compare.</summary>
    private static List<string> FacetsOf(OrderLedger ledger) =>
    [
        .. ledger.CustomersAsOf(new DateOnly(2025, 6, 30)).SelectMany(c => c.Purchases).Select(p =>
            $"{p.OrderId}|{p.Facets.Channel}|{p.Facets.Country}|{string.Join(",", p.Facets.DiscountCodes)}|" +
            string.Join(",", Enumerable.Range(0, p.Facets.ProductCount).Select(i => $"{p.Facets.ProductIdAt(i)}:{p.Facets.ProductTitleAt(i)}"))),
    ];

    [Fact]
    public void A_damaged_or_foreign_file_is_refused_not_misread()
    {
        var bytes = Bytes(OrderLedger.Build(Shop, Generate(new Random(5), 50, 10)));
        Assert.Throws<InvalidDataException>(() => OrderLedgerFile.Read(new MemoryStream(bytes[..^20])));
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[4] = OrderLedgerFile.FormatVersion + 1;
        Assert.Contains("format", Assert.Throws<InvalidDataException>(() => OrderLedgerFile.Read(new MemoryStream(otherVersion))).Message);
        Assert.Throws<InvalidDataException>(() => OrderLedgerFile.Read(new MemoryStream("not a ledger at all"u8.ToArray())));
    }

    [Fact]
    public void A_ledger_is_only_folded_for_its_own_shop_and_time_zone()
    {
        var ledger = OrderLedger.Build(Shop, Generate(new Random(5), 10, 5));
        Assert.True(ledger.IsFor(Shop));
        Assert.False(ledger.IsFor(Shop with { TimeZoneId = "America/New_York" }));
        Assert.Throws<ArgumentException>(() => ledger.Apply(Shop with { TimeZoneId = "America/New_York" }, [], []));
        var stranger = Generate(new Random(6), 1, 1)[0] with { ShopId = "other-shop" };
        Assert.Throws<ArgumentException>(() => ledger.Apply(Shop, [stranger], []));
    }
}
