using Retention.Core.Spend;

namespace Retention.Core.Datasets;

/// <summary>
/// LTV:CAC and payback by acquisition channel: one row per channel and acquisition month, and one per channel with
/// <c>acquisition_month</c> null for all its months together, so a BI tool filters to either without summing ratios.
/// </summary>
public static class ChannelPaybackDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<(ChannelPaybackRow Row, string Basis)>(
        "channel_payback", "acquisition channel and month, plus one per channel for all months", "snapshotchannelpayback",
        night => night.ChannelPayback.Select(r => (r, ChannelPayback.ValueBasis(night.Retention.Settings.GrossMarginRate))),
        c => c
            .Text("channel", r => r.Row.Channel)
            .Month("acquisition_month", r => r.Row.AcquisitionMonth)
            .Int("new_customers", r => r.Row.NewCustomers)
            .Decimal("spend", r => r.Row.Spend)
            .Decimal("cac", r => r.Row.Cac)
            .Text("value_basis", r => r.Basis)
            .Int("months_observed", r => r.Row.MonthsObserved)
            .Decimal("value_per_customer_1m", r => r.Row.ValueAt(1))
            .Decimal("value_per_customer_3m", r => r.Row.ValueAt(3))
            .Decimal("value_per_customer_6m", r => r.Row.ValueAt(6))
            .Decimal("value_per_customer_12m", r => r.Row.ValueAt(12))
            .Decimal("ltv_to_cac_12m", r => r.Row.LtvToCac12m)
            .Int("payback_month", r => r.Row.PaybackMonth)
            .Text("payback_status", r => r.Row.PaybackStatus),
        key: ["channel", "acquisition_month"]);
}
