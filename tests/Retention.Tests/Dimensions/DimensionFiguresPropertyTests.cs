using System.Globalization;
using Retention.Core.Dimensions;
using Retention.Core.Ledger;
using Retention.Core.Models;
using Retention.Core.Products;
using Retention.Tests.Snapshots;

namespace Retention.Tests.Dimensions;

/// <summary>
/// On random ledgers (tests, pending, cancellations, refunds; lines of 30 products so the product tail is cut), the
/// streamed figures equal a straightforward LINQ recomputation of the definitions in <c>docs/metrics.md</c> over each
/// customer's purchases as of the night: grouped lists, sorts and averages, no shared code with the streamed pass.
/// </summary>
public class DimensionFiguresPropertyTests
{
    [Theory]
    [InlineData(1, 2000, 300, "2025-04-15")]
    [InlineData(2, 3000, 400, "2025-06-30")]
    [InlineData(3, 800, 60, "2026-03-01")]
    [InlineData(4, 1500, 1500, "2025-02-20")]
    public void Streamed_figures_equal_a_linq_recomputation(int seed, int orders, int customers, string asOfText)
    {
        var asOf = DateOnly.Parse(asOfText, CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var shop = LedgerTestOrders.Shop;
        var ledger = OrderLedger.Build(shop, LedgerTestOrders.Generate(random, orders, customers));
        var catalog = new ProductCatalog(Enumerable.Range(0, 30).Where(p => p % 4 != 0)
            .Select(p => new CatalogProduct($"p{p}", p % 3 == 0 ? null : $"Catalog {p}", p % 5 == 0 ? null : $"cat{p % 7}", null)));
        var purchases = ledger.CustomersAsOf(asOf).ToList();
        var predictions = purchases.Where(_ => random.Next(3) != 0)
            .Select(c => new CustomerPrediction(c.CustomerKey, 0.5, ChurnRisk.Low, 0, 0, 0, null, random.Next(4) == 0 ? null : random.Next(1000) / 7d, null))
            .ToList();

        var figures = DimensionFigures.Compute(ledger, catalog, asOf, predictions);
        var expected = new Recomputation(purchases, catalog, asOf, predictions.ToDictionary(p => p.CustomerKey, p => p.PredictedClv));

        Assert.True(figures.Journey.Count > 0 && figures.Cohorts.Any(r => r.IsOther), "the random shop should have a journey and a cut tail");
        Assert.Equal(expected.Cohorts(), figures.Cohorts.Select(Text));
        Assert.Equal(expected.Journey(), figures.Journey.Select(p =>
            Line(p.Rank, p.FirstProductId, p.FirstProductTitle, p.SecondProductId, p.SecondProductTitle, p.Customers, p.FirstProductRepeatCustomers, p.Share)));
        Assert.Equal(expected.Repurchases(), figures.Repurchases.Select(p =>
            Line(p.Rank, p.ProductId, p.Title, p.FirstOrderCustomers, p.RepeatCustomers, p.RepurchasedCustomers, p.RepurchaseRate)));
        Assert.Equal(expected.Timing(), figures.TimeToSecondOrder.Select(t =>
            Line(t.FirstPurchaseMonth, t.Customers, t.SecondOrderCustomers, string.Join(',', t.Buckets), t.P25Days, t.MedianDays, t.P75Days, t.AverageDays)));
    }

    private static string Text(FirstPurchaseCohort r) => Line(r.Dimension, r.Rank, r.Value, r.Title, r.IsOther, r.Customers, r.RepeatCustomers,
        r.RepeatPurchaseRate, string.Join(',', r.OrderedAgain), string.Join(',', r.HistoricClv), r.PredictedCustomers,
        r.AveragePredictedClv is { } p ? Math.Round(p, 9) : null, r.Cut);

    private static string Line(params object?[] values) =>
        string.Join(" | ", values.Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? "null"));

    /// <summary>The definitions, spelled out over materialised lists.</summary>
    private sealed class Recomputation(List<CustomerPurchases> customers, ProductCatalog catalog, DateOnly asOf, Dictionary<string, double?> predicted)
    {
        private static readonly (string Name, int Cut)[] Dimensions =
            [("first_product", 25), ("first_category", 20), ("first_channel", 20), ("first_discount_code", 20), ("country", 20)];

        private static readonly int[] WindowDays = [30, 90, 180, 365];
        private static readonly int[] ClvMonths = [3, 6, 12];

        private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 6);
        private static decimal? Average(decimal total, int count) => count == 0 ? null : Math.Round(total / count, 4);

        private static string[] Products(FacetedPurchase order) => [.. order.Facets.ProductIds.Distinct()];

        private string? LineTitle(string product) => customers
            .SelectMany(c => c.Purchases.Take(2).Select((p, i) => (p, i)).Where(x => x.i == 0 || c.Purchases.Count >= 2))
            .SelectMany(x => Enumerable.Range(0, x.p.Facets.ProductCount).Select(i => (Id: x.p.Facets.ProductIdAt(i), Title: x.p.Facets.ProductTitleAt(i))))
            .Where(l => l.Id == product).Select(l => l.Title).FirstOrDefault(t => t is not null);

        private string[] ValuesOf(string dimension, CustomerPurchases c)
        {
            var first = c.First;
            return dimension switch
            {
                "first_product" => Products(first) is { Length: > 0 } p ? p : ["(no lines)"],
                "first_category" => Products(first) is { Length: > 0 } p ? [.. p.Select(catalog.CategoryOf).Distinct()] : ["(no lines)"],
                "first_channel" => [first.Facets.Channel],
                "first_discount_code" => first.Facets.DiscountCodeCount > 0 ? [.. first.Facets.DiscountCodes.Distinct()] : ["none"],
                _ => [first.Facets.Country ?? "unknown"],
            };
        }

        public IEnumerable<string> Cohorts()
        {
            foreach (var (dimension, cut) in Dimensions)
            {
                var members = customers.Select(c => (Customer: c, Values: ValuesOf(dimension, c))).ToList();
                var values = members.SelectMany(m => m.Values.Select(v => (Value: v, m.Customer))).GroupBy(x => x.Value)
                    .Select(g => (Value: g.Key, Customers: g.Select(x => x.Customer).ToList()))
                    .OrderByDescending(g => g.Customers.Count).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
                var kept = values.Take(cut).ToList();
                var shape = new FirstPurchaseCut(values.Count, kept.Count, cut);
                foreach (var (value, group) in kept.Select((g, i) => (g.Value, g.Customers)))
                    yield return Row(dimension, kept.FindIndex(g => g.Value == value) + 1, value,
                        dimension == "first_product" && value != "(no lines)" ? catalog.TitleOf(value, LineTitle(value)) : null, false, group, shape);
                if (values.Count > cut)
                {
                    var keptValues = kept.Select(k => k.Value).ToHashSet();
                    var other = members.Where(m => m.Values.Any(v => !keptValues.Contains(v))).Select(m => m.Customer).ToList();
                    yield return Row(dimension, cut + 1, "(other)", null, true, other, shape);
                }
            }
        }

        private string Row(string dimension, int rank, string value, string? title, bool isOther, List<CustomerPurchases> group, FirstPurchaseCut cut)
        {
            var repeat = group.Count(c => c.Purchases.Count >= 2);
            var windows = WindowDays.Select(days =>
            {
                var judged = group.Where(c => c.First.Day + days <= asOf.DayNumber).ToList();
                var again = judged.Count(c => c.Purchases.Count >= 2 && c.Purchases[1].Day - c.First.Day <= days);
                return new WindowShare(judged.Count, again, Share(again, judged.Count));
            });
            var clv = ClvMonths.Select(months =>
            {
                var judged = group.Where(c => c.First.OrderedOn.AddMonths(months) <= asOf).ToList();
                var total = judged.Sum(c => c.Purchases.Where(p => p.OrderedOn < c.First.OrderedOn.AddMonths(months)).Sum(p => p.NetAmount));
                return new ClvAverage(judged.Count, Average(total, judged.Count));
            });
            var predictions = group.Select(c => predicted.GetValueOrDefault(c.CustomerKey)).Where(p => p is not null).Select(p => p!.Value).ToList();
            return Text(new FirstPurchaseCohort(dimension, rank, value, title, isOther, group.Count, repeat, Share(repeat, group.Count), [.. windows],
                [.. clv], predictions.Count, predictions.Count == 0 ? null : predictions.Average(), cut));
        }

        private List<(CustomerPurchases Customer, string[] First, string[] Second)> Repeaters() =>
            [.. customers.Where(c => c.Purchases.Count >= 2).Select(c => (c, Products(c.First), Products(c.Purchases[1])))];

        public IEnumerable<string> Journey()
        {
            var repeaters = Repeaters();
            int RepeatOf(string product) => repeaters.Count(r => r.First.Contains(product));
            return repeaters.SelectMany(r => r.First.SelectMany(f => r.Second.Select(s => (First: f, Second: s))))
                .GroupBy(p => p).Select(g => (g.Key.First, g.Key.Second, Customers: g.Count()))
                .OrderByDescending(p => p.Customers).ThenBy(p => p.First, StringComparer.Ordinal).ThenBy(p => p.Second, StringComparer.Ordinal)
                .Take(50).Select((p, i) => Line(i + 1, p.First, catalog.TitleOf(p.First, LineTitle(p.First)), p.Second,
                    catalog.TitleOf(p.Second, LineTitle(p.Second)), p.Customers, RepeatOf(p.First), Share(p.Customers, RepeatOf(p.First))));
        }

        public IEnumerable<string> Repurchases()
        {
            var repeaters = Repeaters();
            return customers.SelectMany(c => Products(c.First)).GroupBy(p => p).Select(g => (Product: g.Key, Customers: g.Count()))
                .OrderByDescending(p => p.Customers).ThenBy(p => p.Product, StringComparer.Ordinal).Take(50).Select((p, i) =>
                {
                    var repeat = repeaters.Where(r => r.First.Contains(p.Product)).ToList();
                    var again = repeat.Count(r => r.Second.Contains(p.Product));
                    return Line(i + 1, p.Product, catalog.TitleOf(p.Product, LineTitle(p.Product)), p.Customers, repeat.Count, again, Share(again, repeat.Count));
                });
        }

        public IEnumerable<string> Timing()
        {
            var groups = customers.GroupBy(c => (DateOnly?)new DateOnly(c.First.OrderedOn.Year, c.First.OrderedOn.Month, 1)).OrderBy(g => g.Key).ToList();
            return new[] { Timing(null, customers) }.Concat(groups.Select(g => Timing(g.Key, [.. g])));
        }

        private static string Timing(DateOnly? month, List<CustomerPurchases> group)
        {
            var days = group.Where(c => c.Purchases.Count >= 2).Select(c => c.Purchases[1].Day - c.First.Day).Order().ToList();
            int[] lows = [0, 8, 15, 31, 61, 91, 181, 366];
            var buckets = lows.Select((low, b) => days.Count(d => d >= low && (b == lows.Length - 1 || d < lows[b + 1])));
            decimal? Quantile(decimal q)
            {
                if (days.Count == 0) return null;
                var h = (days.Count - 1) * q;
                var lo = days[(int)Math.Floor(h)];
                return lo + (h - Math.Floor(h)) * (days[(int)Math.Ceiling(h)] - lo);
            }
            return Line(month, group.Count, days.Count, string.Join(',', buckets), Quantile(0.25m), Quantile(0.5m), Quantile(0.75m),
                Average(days.Sum(), days.Count));
        }
    }
}
