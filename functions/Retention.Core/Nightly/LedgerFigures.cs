using Retention.Core.Dimensions;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Core.Spend;

namespace Retention.Core.Nightly;

/// <summary>
/// What one night reads from the shop's ledger: the purchases as of the day (without their order ids, which no figure
/// reads, so that the ledger's id pool goes with it), the headline figures, the dimension figures'
/// counts and the payback by channel. Made in one step so that the caller can let the ledger go before the forecast and the
/// rest of <see cref="NightlyFigures.ComputeFrom"/>,
/// which need only these: at 10,000,000 orders the ledger was about 885 MiB of the heap (before its ids went to a byte a
/// character) and the forecast ran beside it.
/// </summary>
public sealed record LedgerFigures(PurchaseHistory History, HeadlineFigures Headline, DimensionCounts Dimensions, IReadOnlyList<ChannelPaybackRow> ChannelPayback)
{
    /// <param name="catalog">the shop's products, for the categories of the dimension figures.</param>
    /// <param name="channelSpend">acquisition spend by channel and month, for LTV:CAC (<see cref="Spend.ChannelPayback"/>).</param>
    public static LedgerFigures Of(Shop shop, OrderLedger ledger, ProductCatalog catalog, DateOnly asOf, IReadOnlyList<ChannelSpend>? channelSpend = null)
    {
        var history = ledger.PurchasesWithoutIdsAsOf(asOf);
        return new LedgerFigures(history, HeadlineFigures.Compute(shop, history, ledger.NetRevenueAsOf(asOf.AddDays(-1))),
            DimensionCounts.Of(ledger, history, catalog),
            Spend.ChannelPayback.Compute(ledger.CustomersAsOf(asOf), channelSpend ?? [], shop.RetentionSettings.GrossMarginRate, asOf));
    }
}
