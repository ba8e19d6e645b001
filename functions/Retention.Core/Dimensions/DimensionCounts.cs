using Retention.Core.Customers;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Orders;
using Retention.Core.Products;

namespace Retention.Core.Dimensions;

/// <summary>
/// The dimension figures (<see cref="DimensionFigures"/>) in two steps, so that the night can let its ledger go before the
/// forecast: <see cref="Of"/> is the one streamed pass over the customers' purchases — every count, the product journey,
/// the time to a second order — and keeps what the forecast's predicted CLV still needs, each customer's values per
/// dimension and key; <see cref="WithPredictions"/> adds the predicted CLV under those values and makes the rows. At
/// 10,000,000 orders the ledger was about 885 MiB of the heap (before its ids went to a byte a character), and the forecast
/// ran beside it (bench night-child).
/// </summary>
public sealed class DimensionCounts
{
    private readonly FirstPurchaseCohorts[] _cohorts;
    private readonly string[] _customerKeys;
    private readonly Func<string, string?> _productTitle;
    private readonly IReadOnlyList<ProductPair> _journey;
    private readonly IReadOnlyList<ProductRepurchase> _repurchases;
    private readonly IReadOnlyList<SecondOrderTiming> _timing;
    private bool _predicted;

    private DimensionCounts(FirstPurchaseCohorts[] cohorts, string[] customerKeys, Func<string, string?> productTitle,
        IReadOnlyList<ProductPair> journey, IReadOnlyList<ProductRepurchase> repurchases, IReadOnlyList<SecondOrderTiming> timing)
    {
        (_cohorts, _customerKeys, _productTitle) = (cohorts, customerKeys, productTitle);
        (_journey, _repurchases, _timing) = (journey, repurchases, timing);
    }

    /// <param name="history">the ledger's purchases as of the day (<see cref="OrderLedger.PurchasesWithoutIdsAsOf"/>): the
    /// customers' facts and keys are read from its columns, not kept a second time.</param>
    public static DimensionCounts Of(OrderLedger ledger, PurchaseHistory history, ProductCatalog catalog)
    {
        var asOf = history.AsOf;
        var asOfDay = asOf.DayNumber;
        var table = history.Table;
        var products = new ProductIndex(ledger.Facets.Strings);
        // Every customer with an order is the most there can be as of any day: each per-customer list is made once, at that size.
        var most = ledger.CustomerCount;
        var cohorts = FirstPurchaseDimensions.All.Select(d => new FirstPurchaseCohorts(d, most)).ToArray();
        var (byProduct, byCategory, byChannel, byCode, byCountry) = (cohorts[0], cohorts[1], cohorts[2], cohorts[3], cohorts[4]);
        var journey = new ProductJourney(products);
        var timing = new TimeToSecondOrder();
        var categories = new List<string?>(); // by product number
        var c = 0;

        foreach (var customer in ledger.CustomersAsOf(asOf))
        {
            var first = customer.First;
            var hasSecond = customer.Purchases.Count >= 2;
            if (c >= table.Customers || !string.Equals(table.CustomerKeys[c], customer.CustomerKey, StringComparison.Ordinal))
                throw new ArgumentException($"the purchases are not the ledger's as of {asOf:yyyy-MM-dd}", nameof(history));
            var customerFacts = FirstPurchaseFacts.Of(table, c++, asOfDay);

            journey.StartCustomer();
            var firstFacets = first.Facets;
            if (firstFacets.ProductCount == 0)
            {
                byProduct.Count(FirstPurchaseDimensions.NoLines);
                byCategory.Count(FirstPurchaseDimensions.NoLines);
            }
            else
                for (var i = 0; i < firstFacets.ProductCount; i++)
                {
                    var number = products.NumberOf(firstFacets, i);
                    var id = products.IdOf(number);
                    byProduct.Count(id);
                    while (categories.Count <= number) categories.Add(null);
                    byCategory.Count(categories[number] ??= catalog.CategoryOf(id));
                    journey.AddFirst(number);
                }
            byChannel.Count(firstFacets.Channel);
            if (firstFacets.DiscountCodeCount == 0) byCode.Count(DiscountCode.None);
            else
                for (var i = 0; i < firstFacets.DiscountCodeCount; i++) byCode.Count(firstFacets.DiscountCodeAt(i));
            byCountry.Count(firstFacets.Country ?? CountryCode.Unknown);
            foreach (var dimension in cohorts) dimension.EndCustomer(customerFacts);

            if (hasSecond)
            {
                var secondFacets = customer.Purchases[1].Facets;
                for (var i = 0; i < secondFacets.ProductCount; i++) journey.AddSecond(products.NumberOf(secondFacets, i));
            }
            journey.EndCustomer(hasSecond);
            timing.Add(first.Day, hasSecond ? customer.Purchases[1].Day : null);
        }
        if (c != table.Customers) throw new ArgumentException($"the purchases are not the ledger's as of {asOf:yyyy-MM-dd}", nameof(history));
        foreach (var dimension in cohorts) dimension.EndCounting(customer => FirstPurchaseFacts.Of(table, customer, asOfDay));

        // The titles read the catalog and the ledger's line titles: the product index keeps the ledger's strings, not its orders.
        string Title(string id, string? lineTitle) => catalog.TitleOf(id, lineTitle);
        string? ProductTitle(string value) => value == FirstPurchaseDimensions.NoLines ? null : Title(value, products.LineTitleOf(value));
        return new DimensionCounts(cohorts, table.CustomerKeys, ProductTitle, journey.Pairs(Title), journey.Repurchases(Title), timing.Rows());
    }

    /// <param name="predictions">The night's forecast per customer, in ordinal key order (<see cref="NightlyForecast.Customers"/>); empty without one.</param>
    public DimensionFigures WithPredictions(IReadOnlyList<CustomerPrediction> predictions)
    {
        // The tallies take the predictions in: a second call would count them twice.
        if (_predicted) throw new InvalidOperationException("the dimension counts already have their predictions");
        _predicted = true;
        var forecast = new CustomerKeyCursor<CustomerPrediction>(predictions, p => p.CustomerKey);
        // The night's predictions are read from their columns, without a record each (CustomerPredictionList).
        double? PredictedClv(int i) => predictions is CustomerPredictionList columns ? columns.At(i).PredictedClv : predictions[i].PredictedClv;
        for (var c = 0; c < _customerKeys.Length; c++)
            if (forecast.IndexOf(_customerKeys[c]) is var index and >= 0 && PredictedClv(index) is { } predicted)
                foreach (var dimension in _cohorts) dimension.AddPredicted(c, predicted);
        var rows = new List<FirstPurchaseCohort>();
        foreach (var dimension in _cohorts)
            rows.AddRange(dimension.Rows(dimension.Dimension == FirstPurchaseDimension.FirstProduct ? _productTitle : _ => null));
        return new DimensionFigures(rows, _journey, _repurchases, _timing);
    }
}
