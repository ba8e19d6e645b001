using System.Text;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Core.Audiences;

/// <summary>Every customer of a night as the audiences read them (<see cref="AudienceCustomer"/>), in customer-key order.</summary>
public static class AudienceCustomers
{
    /// <param name="firstOrders">each customer's purchases with what they were made of, when a rule reads the first
    /// order (<see cref="AudienceDefinition.NeedsFirstOrder"/>); null otherwise.</param>
    public static IReadOnlyList<AudienceCustomer> Of(NightlyFigures night, IEnumerable<CustomerPurchases>? firstOrders = null, ProductCatalog? catalog = null)
    {
        var rfm = night.Retention.Rfm.Customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        var forecast = night.Forecast.Customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        var key = night.Retention.Clv.KeyCustomers.Select(c => c.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var churnDays = night.Retention.Churn.Threshold.Days;
        var firsts = firstOrders?.ToDictionary(c => c.CustomerKey, c => c.First.Facets, StringComparer.Ordinal);
        var customers = new List<AudienceCustomer>(night.Retention.Clv.Customers.Count);
        foreach (var value in night.Retention.Clv.Customers)
        {
            var scores = rfm.GetValueOrDefault(value.CustomerKey);
            var prediction = forecast.GetValueOrDefault(value.CustomerKey);
            var recency = scores?.RecencyDays ?? night.AsOf.DayNumber - value.FirstPurchase.DayNumber;
            var lastDay = night.AsOf.DayNumber - recency;
            double? gap = value.Orders >= 2 ? (double)(lastDay - value.FirstPurchase.DayNumber) / (value.Orders - 1) : null;
            var customer = new AudienceCustomer(value.CustomerKey, value.Orders, recency, gap, recency >= churnDays, value.NetRevenue,
                prediction?.PredictedClv, prediction?.ProbabilityAlive, prediction?.ChurnRisk.ToString().ToLowerInvariant(),
                scores is null ? null : SnakeCase(scores.Segment.ToString()), key.Contains(value.CustomerKey));
            if (firsts is not null && firsts.TryGetValue(value.CustomerKey, out var facets))
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
