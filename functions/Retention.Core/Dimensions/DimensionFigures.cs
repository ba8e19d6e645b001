using Retention.Core.Ledger;
using Retention.Core.Models;
using Retention.Core.Products;

namespace Retention.Core.Dimensions;

/// <summary>
/// The night's figures by what was bought and where customers came from (<c>docs/metrics.md</c>, "First-purchase
/// cohorts by dimension", "Product journey", "Time to second order"), from one streamed pass over the customers'
/// purchases: one customer's list is alive at a time, and every count is an array or a dictionary of interned strings.
/// </summary>
/// <param name="Cohorts">Every dimension's rows, in <see cref="FirstPurchaseDimensions.All"/> order, each by rank.</param>
public sealed record DimensionFigures(IReadOnlyList<FirstPurchaseCohort> Cohorts, IReadOnlyList<ProductPair> Journey,
    IReadOnlyList<ProductRepurchase> Repurchases, IReadOnlyList<SecondOrderTiming> TimeToSecondOrder)
{
    public static DimensionFigures Empty { get; } = new([], [], [], []);

    /// <param name="predictions">The night's forecast per customer, in ordinal key order (<see cref="NightlyForecast.Customers"/>); empty without one.</param>
    public static DimensionFigures Compute(OrderLedger ledger, ProductCatalog catalog, DateOnly asOf, IReadOnlyList<CustomerPrediction> predictions) =>
        DimensionCounts.Of(ledger, ledger.PurchasesWithoutIdsAsOf(asOf), catalog).WithPredictions(predictions);
}
