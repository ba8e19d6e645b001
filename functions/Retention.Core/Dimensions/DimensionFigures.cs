using Retention.Core.Ledger;
using Retention.Core.Models;
using Retention.Core.Orders;
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
    public static DimensionFigures Compute(OrderLedger ledger, ProductCatalog catalog, DateOnly asOf, IReadOnlyList<CustomerPrediction> predictions)
    {
        var asOfDay = asOf.DayNumber;
        var products = new ProductIndex(ledger.Facets.Strings);
        // Every customer with an order is the most there can be as of any day: each per-customer list is made once, at that size.
        var most = ledger.CustomerCount;
        var cohorts = FirstPurchaseDimensions.All.Select(d => new FirstPurchaseCohorts(d, most)).ToArray();
        var (byProduct, byCategory, byChannel, byCode, byCountry) = (cohorts[0], cohorts[1], cohorts[2], cohorts[3], cohorts[4]);
        var journey = new ProductJourney(products);
        var timing = new TimeToSecondOrder();
        var facts = new List<FirstPurchaseFacts>(most);
        var forecast = new PredictionCursor(predictions);
        var categories = new List<string?>(); // by product number

        foreach (var customer in ledger.CustomersAsOf(asOf))
        {
            var first = customer.First;
            var hasSecond = customer.Purchases.Count >= 2;
            var customerFacts = FirstPurchaseFacts.Of(customer, asOfDay, forecast.PredictedClvOf(customer.CustomerKey));
            facts.Add(customerFacts);

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

        string Title(string id, string? lineTitle) => catalog.TitleOf(id, lineTitle);
        var rows = new List<FirstPurchaseCohort>();
        foreach (var dimension in cohorts)
            rows.AddRange(dimension.Rows(facts, dimension.Dimension == FirstPurchaseDimension.FirstProduct
                ? value => value == FirstPurchaseDimensions.NoLines ? null : Title(value, products.LineTitleOf(value))
                : _ => null));
        return new DimensionFigures(rows, journey.Pairs(Title), journey.Repurchases(Title), timing.Rows());
    }

    /// <summary>
    /// Walks the predictions alongside the customers, both in ordinal key order: a merge, not a dictionary of every
    /// customer. A customer without a prediction (or a night without a forecast) gets null.
    /// </summary>
    private sealed class PredictionCursor
    {
        private readonly IReadOnlyList<CustomerPrediction> _predictions;
        private int _next;

        public PredictionCursor(IReadOnlyList<CustomerPrediction> predictions)
        {
            for (var i = 1; i < predictions.Count; i++)
                if (string.CompareOrdinal(predictions[i - 1].CustomerKey, predictions[i].CustomerKey) >= 0)
                    throw new ArgumentException("the predictions must be in ordinal customer key order, each customer once", nameof(predictions));
            _predictions = predictions;
        }

        public double? PredictedClvOf(string customerKey)
        {
            while (_next < _predictions.Count && string.CompareOrdinal(_predictions[_next].CustomerKey, customerKey) < 0) _next++;
            return _next < _predictions.Count && _predictions[_next].CustomerKey == customerKey ? _predictions[_next].PredictedClv : null;
        }
    }
}
