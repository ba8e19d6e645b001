using Retention.Core.Dimensions;

namespace Retention.Core.Datasets;

/// <summary>
/// First-purchase cohorts by dimension: for each first product, category, channel, discount code and country, the
/// customers acquired with it and how they came back. The tail past each dimension's cut is one "other" row, and the
/// cut is written on every row, so a reader knows what a row stands for without the docs.
/// </summary>
public static class FirstPurchaseCohortsDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<FirstPurchaseCohort>("first_purchase_cohorts",
        "dimension and value of the first order (the kept values by customers, then `(other)`)", "snapshotfirstpurchase",
        night => night.Dimensions.Cohorts,
        c => c
            .Text("dimension", r => r.Dimension)
            .Int("rank", r => r.Rank)
            .Text("value", r => r.Value)
            .Text("title", r => r.Title)
            .Boolean("is_other", r => r.IsOther)
            .Int("customers", r => r.Customers)
            .Int("repeat_customers", r => r.RepeatCustomers)
            .Decimal("repeat_purchase_rate", r => r.RepeatPurchaseRate)
            .Int("judged_30d", r => r.OrderedAgain[0].Judged)
            .Int("ordered_again_30d", r => r.OrderedAgain[0].OrderedAgain)
            .Decimal("ordered_again_rate_30d", r => r.OrderedAgain[0].Share)
            .Int("judged_90d", r => r.OrderedAgain[1].Judged)
            .Int("ordered_again_90d", r => r.OrderedAgain[1].OrderedAgain)
            .Decimal("ordered_again_rate_90d", r => r.OrderedAgain[1].Share)
            .Int("judged_180d", r => r.OrderedAgain[2].Judged)
            .Int("ordered_again_180d", r => r.OrderedAgain[2].OrderedAgain)
            .Decimal("ordered_again_rate_180d", r => r.OrderedAgain[2].Share)
            .Int("judged_365d", r => r.OrderedAgain[3].Judged)
            .Int("ordered_again_365d", r => r.OrderedAgain[3].OrderedAgain)
            .Decimal("ordered_again_rate_365d", r => r.OrderedAgain[3].Share)
            .Int("clv_customers_3m", r => r.HistoricClv[0].Customers)
            .Decimal("average_clv_3m", r => r.HistoricClv[0].Average)
            .Int("clv_customers_6m", r => r.HistoricClv[1].Customers)
            .Decimal("average_clv_6m", r => r.HistoricClv[1].Average)
            .Int("clv_customers_12m", r => r.HistoricClv[2].Customers)
            .Decimal("average_clv_12m", r => r.HistoricClv[2].Average)
            .Int("predicted_customers", r => r.PredictedCustomers)
            .Double("average_predicted_clv_12m", r => r.AveragePredictedClv)
            .Int("values_total", r => r.Cut.ValuesTotal)
            .Int("values_kept", r => r.Cut.ValuesKept)
            .Int("cut_after", r => r.Cut.CutAfter),
        key: ["dimension", "rank"]);
}
