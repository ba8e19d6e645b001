using System.Globalization;
using Retention.Core.Orders;

namespace Retention.Cli.Bench;

/// <summary>
/// What the synthetic bench orders were made of and where they came from, so that the night's dimension figures
/// have a realistic load: 1 to 4 lines an order (2.5 on average, as the target shop), products drawn with a
/// skew from a catalog of 2,000 (a few best sellers, a long tail), one of eight channels, a code on one order in
/// five, and one of twelve countries. Deterministic from the generator's own random source.
/// </summary>
internal sealed class NightlyBenchFacets
{
    private const int Products = 2_000;

    private static readonly OrderChannel[] Channels =
    [
        OrderChannel.Unknown,
        OrderChannel.From("google", "cpc", "brand", null, "web", isStorefront: true),
        OrderChannel.From("google", "organic", null, null, "web", isStorefront: true),
        OrderChannel.From("facebook", "paid_social", "prospecting", null, "web", isStorefront: true),
        OrderChannel.From("newsletter", "email", "weekly", null, "web", isStorefront: true),
        OrderChannel.From(null, null, null, "instagram.com", "web", isStorefront: true),
        OrderChannel.From("tiktok", "paid_social", null, null, "web", isStorefront: true),
        OrderChannel.From(null, null, null, null, "pos", isStorefront: false),
    ];

    private static readonly string[] Countries = ["DE", "DE", "DE", "DE", "AT", "CH", "FR", "NL", "GB", "IT", "ES", "PL", "BE", "SE", "US"];

    private readonly string[] _productIds = [.. Enumerable.Range(0, Products).Select(p => "prod-" + p.ToString("D4", CultureInfo.InvariantCulture))];
    private readonly string[] _titles = [.. Enumerable.Range(0, Products).Select(p => "Product " + p.ToString(CultureInfo.InvariantCulture))];
    private readonly string[] _codes = [.. Enumerable.Range(0, 30).Select(c => "code" + c.ToString(CultureInfo.InvariantCulture))];

    public NormalizedOrder Add(NormalizedOrder order, Random random)
    {
        var count = random.Next(1, 5);
        var lines = new OrderLine[count];
        var left = order.Total;
        for (var i = 0; i < count; i++)
        {
            // u³ makes a few products the best sellers, as in a real catalog.
            var u = random.NextDouble();
            var product = (int)(u * u * u * Products);
            var amount = i == count - 1 ? left : Math.Round(order.Total / count, 2);
            left -= amount;
            lines[i] = new OrderLine(_productIds[product], null, null, _titles[product], random.Next(1, 3), amount);
        }
        return order with
        {
            Lines = lines,
            Channel = Channels[random.Next(Channels.Length)],
            DiscountCodes = random.Next(5) == 0 ? [_codes[random.Next(_codes.Length)]] : [],
            Country = Countries[random.Next(Countries.Length)],
        };
    }
}
