using System.Text;
using Retention.Core.Customers;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Core.Audiences;

/// <summary>Every customer of a night as the audiences read them (<see cref="AudienceCustomer"/>), in customer-key order.</summary>
public static class AudienceCustomers
{
    /// <param name="firstOrders">each customer's first order by customer key, when a rule reads it
    /// (<see cref="AudienceDefinition.NeedsFirstOrder"/>); null otherwise.</param>
    public static IReadOnlyList<AudienceCustomer> Of(NightlyFigures night, IReadOnlyDictionary<string, LedgerFacets>? firstOrders = null, ProductCatalog? catalog = null)
    {
        // Every list is in ordinal key order: walked alongside, not made into dictionaries of every customer.
        var rfm = new CustomerKeyCursor<RfmScores>(night.Retention.Rfm.Customers, c => c.CustomerKey);
        var forecast = new CustomerKeyCursor<CustomerPrediction>(night.Forecast.Customers, c => c.CustomerKey);
        var key = night.Retention.Clv.KeyCustomers.Select(c => c.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var churnDays = night.Retention.Churn.Threshold.Days;
        var customers = new List<AudienceCustomer>(night.Retention.Clv.Customers.Count);
        foreach (var value in night.Retention.Clv.Customers)
        {
            var scores = rfm.Find(value.CustomerKey);
            var prediction = forecast.Find(value.CustomerKey);
            var recency = scores?.RecencyDays ?? night.AsOf.DayNumber - value.FirstPurchase.DayNumber;
            var lastDay = night.AsOf.DayNumber - recency;
            double? gap = value.Orders >= 2 ? (double)(lastDay - value.FirstPurchase.DayNumber) / (value.Orders - 1) : null;
            var customer = new AudienceCustomer(value.CustomerKey, value.Orders, recency, gap, recency >= churnDays, value.NetRevenue,
                prediction?.PredictedClv, prediction?.ProbabilityAlive, prediction?.ChurnRisk.ToString().ToLowerInvariant(),
                scores is null ? null : SnakeCase(scores.Segment.ToString()), key.Contains(value.CustomerKey));
            if (firstOrders is not null && firstOrders.TryGetValue(value.CustomerKey, out var facets))
            {
                var products = facets.ProductIds.ToArray();
                customer = customer with
                {
                    FirstProducts = products,
                    FirstCategories = catalog is null ? [] : [.. products.Select(catalog.CategoryOf).Distinct(StringComparer.Ordinal)],
                    FirstChannel = facets.Channel,
                    Country = facets.Country,
                };
            }
            customers.Add(customer);
        }
        return customers;
    }

    /// <summary>An RFM segment's name as the filters write it: <c>CantLoseThem</c> → <c>cant_lose_them</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
