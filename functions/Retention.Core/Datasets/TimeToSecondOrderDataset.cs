using Retention.Core.Dimensions;

namespace Retention.Core.Datasets;

/// <summary>
/// Days from the first order to the second: one row for all customers (month null) and one per first-purchase month,
/// the histogram as one column per bucket so a BI tool charts a row without pivoting, and the quartiles beside it.
/// </summary>
public static class TimeToSecondOrderDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<SecondOrderTiming>("time_to_second_order",
        "first-purchase month, plus one with `first_purchase_month` null for all customers", "snapshottimetosecondorder",
        night => night.Dimensions.TimeToSecondOrder,
        c => c
            .Month("first_purchase_month", r => r.FirstPurchaseMonth)
            .Int("customers", r => r.Customers)
            .Int("second_order_customers", r => r.SecondOrderCustomers)
            .Int("days_0_7", r => r.Buckets[0])
            .Int("days_8_14", r => r.Buckets[1])
            .Int("days_15_30", r => r.Buckets[2])
            .Int("days_31_60", r => r.Buckets[3])
            .Int("days_61_90", r => r.Buckets[4])
            .Int("days_91_180", r => r.Buckets[5])
            .Int("days_181_365", r => r.Buckets[6])
            .Int("days_366_plus", r => r.Buckets[7])
            .Decimal("p25_days", r => r.P25Days)
            .Decimal("median_days", r => r.MedianDays)
            .Decimal("p75_days", r => r.P75Days)
            .Decimal("average_days", r => r.AverageDays),
        key: ["first_purchase_month"]);
}
