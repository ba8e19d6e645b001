using System.Globalization;
using Retention.Core.Metrics;
using Retention.Core.Models;

namespace Retention.Tests.Models;

public class CustomerSummaryTests
{
    [Fact]
    public void Cdnow_sample_gives_the_published_summary()
    {
        var rows = CdnowSample.Rows;
        Assert.Equal(6_919, rows.Count);
        Assert.Equal(6_696, rows.Select(r => (r.CustomerKey, r.Day)).Distinct().Count()); // same-day transactions merged
        var summaries = CdnowSample.Summaries;
        var published = CdnowSample.PublishedSummary();
        Assert.Equal(2_357, summaries.Count);
        Assert.Equal(published.Count, summaries.Count);
        Assert.Equal(946, summaries.RepeatBuyers);
        foreach (var s in summaries)
        {
            var p = published[s.CustomerKey];
            Assert.Equal(p.X, s.Frequency);
            // The file has 2 decimals (rounded half away from zero, so 22.345 is 22.35): ours must round to them.
            Assert.InRange(s.Recency - p.Tx, -0.005000001, 0.005000001);
            Assert.InRange(s.Age - p.T, -0.005000001, 0.005000001);
            Assert.InRange(s.Monetary - p.Zbar, -0.005000001, 0.005000001);
        }
    }

    [Fact]
    public void Same_day_purchases_are_one_and_the_first_purchase_is_not_a_repeat()
    {
        var d = new DateOnly(2025, 1, 1);
        var summaries = CustomerSummary.FromPurchases(
        [
            ("b", d.AddDays(14), 30m), ("a", d, 10m), ("a", d, 5m), ("a", d.AddDays(7), 20m), ("a", d.AddDays(7), 2m),
            ("a", d.AddDays(21), 40m), ("a", d.AddDays(40), 99m), // after the calibration end: ignored
            ("c", d.AddDays(40), 1m),                             // first purchase after it: not a customer yet
        ], d.AddDays(28), ModelTimeUnit.Week);
        Assert.Equal(["a", "b"], summaries.Select(s => s.CustomerKey));
        Assert.Equal(new CustomerSummary("a", 2, 3, 4, 31), summaries[0]); // days 7 (22) and 21 (40): x = 2, mean 31
        Assert.Equal(new CustomerSummary("b", 0, 0, 2, 0), summaries[1]);
        var days = CustomerSummary.FromPurchases([("a", d, 10m), ("a", d.AddDays(3), 4m)], d.AddDays(10), ModelTimeUnit.Day);
        Assert.Equal(new CustomerSummary("a", 1, 3, 10, 4), days[0]);
    }

    [Fact]
    public void A_purchase_history_gives_the_same_summaries_as_its_rows()
    {
        var history = PurchaseHistory.FromPurchases(CdnowSample.HoldoutEnd,
            CdnowSample.Rows.Select((r, i) => new Purchase(r.CustomerKey, i.ToString("D5", CultureInfo.InvariantCulture), r.Day, r.Amount)));
        var fromHistory = CustomerSummary.FromPurchases(history, CdnowSample.CalibrationEnd);
        Assert.Equal(CdnowSample.Summaries.ToList(), fromHistory.ToList());
    }

    [Fact]
    public void Compression_keeps_every_customer_once_in_its_triple()
    {
        var summaries = CdnowSample.Summaries;
        var triples = summaries.Compress();
        Assert.Equal(summaries.Count, triples.Customers);
        Assert.True(triples.Count < summaries.Count / 2, $"{triples.Count} triples for {summaries.Count} customers");
        for (var i = 0; i < summaries.Count; i++)
        {
            var k = triples.TripleOfCustomer[i];
            Assert.Equal((summaries[i].Frequency, summaries[i].Recency, summaries[i].Age), (triples.X[k], triples.Tx[k], triples.T[k]));
        }
        var distinct = summaries.Select(s => (s.Frequency, s.Recency, s.Age)).Distinct().Count();
        Assert.Equal(distinct, triples.Count);
    }

    [Fact]
    public void Summaries_given_as_such_are_checked()
    {
        Assert.Throws<ArgumentException>(() => CustomerSummaries.Of([new CustomerSummary("a", 1, 5, 4, 10)]));
        Assert.Throws<ArgumentException>(() => CustomerSummaries.Of([new CustomerSummary("a", 0, 1, 4, 0)]));
        Assert.Throws<ArgumentException>(() => CustomerSummaries.Of([new CustomerSummary("a", -1, 0, 4, 0)]));
    }
}
