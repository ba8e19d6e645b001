using Retention.Core.Customers;
using Retention.Core.Metrics;
using Retention.Core.Models;

namespace Retention.Core.Datasets;

/// <summary>
/// Every customer's scores: historic CLV, RFM, the key-customer rank of the top decile by net revenue, and the forecast
/// (null for every customer when the night could not fit a model: the model report says why). The one dataset that names
/// customers (by key: a platform id <c>c:…</c> or a guest hash <c>e:…</c>, never an e-mail), so the one an erasure cuts.
/// The table keeps the key customers only: every customer every night is for the files.
/// </summary>
public static class CustomersDataset
{
    // Each name once, not a string per customer: Enum.ToString allocates every time, and this dataset has a row per customer.
    private static readonly string[] SegmentNames = [.. Enum.GetValues<RfmSegment>().OrderBy(s => (int)s).Select(s => s.ToString())];
    private static readonly string[] ChurnRiskNames = [.. Enum.GetValues<ChurnRisk>().OrderBy(r => (int)r).Select(r => r.ToString().ToLowerInvariant())];

    public static Dataset Definition { get; } = Dataset.Declare<(CustomerValue Value, RfmScores? Rfm, int? Rank, CustomerPredictionAt? Forecast)>(
        "customers", "customer with a purchase to the day", "snapshotkeycustomers",
        night =>
        {
            // Every list is in ordinal key order: walked alongside, not made into dictionaries of every customer. The
            // predictions are read from their columns (CustomerPredictionAt): a record each, made for the rows, took 3 s and
            // 300 MiB at 2,000,000 customers (bench night-child).
            var forecast = night.Forecast.Customers;
            var predictions = new CustomerKeyCursor<CustomerPrediction>(forecast, p => p.CustomerKey);
            var rfm = new CustomerKeyCursor<RfmScores>(night.Retention.Rfm.Customers, c => c.CustomerKey);
            var rank = night.Retention.Clv.KeyCustomers.Select((c, i) => (c.CustomerKey, Rank: i + 1))
                .ToDictionary(x => x.CustomerKey, x => x.Rank, StringComparer.Ordinal);
            return night.Retention.Clv.Customers.Select(c => (c, rfm.Find(c.CustomerKey),
                rank.TryGetValue(c.CustomerKey, out var r) ? r : (int?)null,
                predictions.IndexOf(c.CustomerKey) is var index and >= 0 ? forecast.At(index) : (CustomerPredictionAt?)null));
        },
        c => c
            .Text("customer_key", r => r.Value.CustomerKey)
            .Date("first_purchase", r => r.Value.FirstPurchase)
            .Int("orders", r => r.Value.Orders)
            .Decimal("net_revenue", r => r.Value.NetRevenue)
            .Decimal("gross_margin", r => r.Value.GrossMargin)
            .Int("recency_days", r => r.Rfm?.RecencyDays)
            .Int("r", r => r.Rfm?.R)
            .Int("f", r => r.Rfm?.F)
            .Int("m", r => r.Rfm?.M)
            .Text("segment", r => r.Rfm is { } rfm ? SegmentNames[(int)rfm.Segment] : null)
            .Int("key_customer_rank", r => r.Rank)
            .Double("p_alive", r => r.Forecast?.ProbabilityAlive)
            .Text("churn_risk", r => r.Forecast is { } forecast ? ChurnRiskNames[(int)forecast.ChurnRisk] : null)
            .Double("expected_purchases_30d", r => r.Forecast?.ExpectedPurchases30)
            .Double("expected_purchases_90d", r => r.Forecast?.ExpectedPurchases90)
            .Double("expected_purchases_365d", r => r.Forecast?.ExpectedPurchases365)
            .Double("expected_average_spend", r => r.Forecast?.ExpectedAverageSpend)
            .Double("predicted_clv", r => r.Forecast?.PredictedClv)
            .Date("next_order_by", r => r.Forecast?.NextOrderBy)
            .Int("purchases_p10", r => r.Forecast?.PurchasesLow)
            .Int("purchases_p90", r => r.Forecast?.PurchasesHigh)
            .Double("clv_12m_p10", r => r.Forecast?.ClvLow)
            .Double("clv_12m_p90", r => r.Forecast?.ClvHigh),
        key: ["customer_key"], tableKeepsRowsWith: "key_customer_rank");
}
