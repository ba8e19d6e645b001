using Retention.Core.Generic;
using Retention.Core.Orders;

namespace Retention.Core.Simulation;

/// <summary>
/// What the demo shop's orders hold and where they came from: a tea shop's twelve products in four categories (some
/// bought again and again, some once), five channels with their UTM tags, a welcome code on some orders, and the
/// countries of a German shop's customers. Seeded, so the demo prints the same figures every run.
/// </summary>
public static class SyntheticBaskets
{
    /// <summary>Product id, title, category: the catalog the demo files as product webhooks would.</summary>
    public static IReadOnlyList<(string Id, string Title, string Category)> Products { get; } =
    [
        ("sencha", "Sencha green tea", "Tea"), ("assam", "Assam breakfast tea", "Tea"), ("earl-grey", "Earl Grey", "Tea"),
        ("rooibos", "Rooibos vanilla", "Tea"), ("matcha", "Ceremonial matcha", "Tea"), ("chai", "Masala chai", "Tea"),
        ("mug", "Stoneware mug", "Cups"), ("teapot", "Cast-iron teapot", "Cups"), ("filters", "Paper filters (100)", "Accessories"),
        ("infuser", "Steel infuser", "Accessories"), ("gift-box", "Tasting gift box", "Gifts"), ("gift-card", "Gift card", "Gifts"),
    ];

    /// <summary>The demo's channels as source / medium, with how often an order comes through each.</summary>
    private static readonly (OrderChannel Channel, double Weight)[] Channels =
    [
        (OrderChannel.From("google", "cpc", "brand", null, null, isStorefront: true), 0.3),
        (OrderChannel.From("newsletter", "email", "weekly", null, null, isStorefront: true), 0.2),
        (OrderChannel.From("facebook", "paid_social", "spring", null, null, isStorefront: true), 0.15),
        (OrderChannel.From(null, null, null, "instagram.com", null, isStorefront: true), 0.1),
        (OrderChannel.Unknown, 0.25),
    ];

    private static readonly string[] Countries = ["DE", "DE", "DE", "DE", "DE", "AT", "AT", "CH", "NL", "FR"];

    public static GenericOrderEventWriter.Facets Next(Random random, decimal total)
    {
        var count = random.Next(1, 5);
        var chosen = new List<(string Id, string Title, string Category)>();
        for (var i = 0; i < count; i++)
        {
            // Teas first: u² favours the start of the list, as a shop's best sellers are a few of its products.
            var u = random.NextDouble();
            var product = Products[(int)(u * u * Products.Count)];
            if (!chosen.Contains(product)) chosen.Add(product);
        }
        var lines = new OrderLine[chosen.Count];
        var left = total;
        for (var i = 0; i < lines.Length; i++)
        {
            var amount = i == lines.Length - 1 ? left : Math.Round(total / lines.Length, 2);
            left -= amount;
            lines[i] = new OrderLine(chosen[i].Id, null, null, chosen[i].Title, 1 + random.Next(2), amount);
        }
        var roll = random.NextDouble();
        var channel = Channels[^1].Channel;
        foreach (var (candidate, weight) in Channels)
        {
            if (roll < weight)
            {
                channel = candidate;
                break;
            }
            roll -= weight;
        }
        return new GenericOrderEventWriter.Facets(lines, channel, random.Next(6) == 0 ? ["welcome10"] : [], Countries[random.Next(Countries.Length)]);
    }
}
