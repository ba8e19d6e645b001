using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Spend;

namespace Retention.Tests.Spend;

/// <summary>
/// A small shop in UTC (orders at noon, so an order's day is its UTC date) with known channels, first orders and spend
/// per channel and month, as of 2025-03-15 with a 40 % gross margin and a churn threshold of 90 days. Every figure the
/// tests expect is worked out in <see cref="ChannelPaybackTests"/> from the amounts written here.
/// </summary>
internal static class ChannelPaybackShop
{
    public static readonly DateOnly AsOf = new(2025, 3, 15);
    public static readonly Shop Shop = new("payback-shop", "UTC", "EUR", DateTimeOffset.UnixEpoch, new RetentionSettings(ChurnDays: 90, GrossMarginRate: 0.4m));

    public const string GoogleAds = "google / cpc";
    public const string Newsletter = "newsletter / email";
    public const string Direct = "(direct) / (none)";

    private static readonly OrderChannel GoogleCpc = OrderChannel.From("Google", "CPC", "spring", null, "web", isStorefront: true);
    private static readonly OrderChannel Email = OrderChannel.From("newsletter", "email", null, null, "web", isStorefront: true);

    public static List<NormalizedOrder> Orders() =>
    [
        // google / cpc, acquired January 2024.
        Order("g1-1", "g1", "2024-01-10", 100m, GoogleCpc),
        Order("g1-2", "g1", "2024-02-09", 50m, Email),      // before 2024-02-10: within its first month
        Order("g1-3", "g1", "2024-04-10", 80m, null),       // on 2024-04-10: not within 3 months, within 4
        Order("g1-4", "g1", "2025-01-09", 200m, null),      // before 2025-01-10: within 12 months
        Order("g2-1", "g2", "2024-01-31", 60m, GoogleCpc),
        Order("g2-2", "g2", "2024-02-29", 40m, Email),      // 2024-01-31 + 1 month is 2024-02-29: not within 1 month, within 2
        Order("g3-1", "g3", "2024-01-20", 40m, GoogleCpc),
        Order("g3-2", "g3", "2025-01-20", 30m, null),       // on 2025-01-20: not within 12 months
        // g6's google order was refunded in full, so their first purchase is the newsletter one of May.
        Order("g6-1", "g6", "2024-01-12", 70m, GoogleCpc, refundedOn: "2024-01-15"),
        Order("g6-2", "g6", "2024-05-02", 60m, Email),
        // newsletter / email, acquired January 2024.
        Order("n1-1", "n1", "2024-01-05", 100m, Email),
        Order("n1-2", "n1", "2024-03-01", 200m, null),      // before 2024-03-05: within 2 months
        // No channel at all: direct.
        Order("d1-1", "d1", "2024-06-15", 80m, null),
        // google / cpc, acquired February 2025: not a whole month old on the day.
        Order("g4-1", "g4", "2025-02-14", 75m, GoogleCpc),
        Order("g5-1", "g5", "2025-02-03", 30m, GoogleCpc),
        Order("g5-2", "g5", "2025-03-01", 20m, null),
    ];

    /// <summary>Acquisition spend; April 2025 is after the as-of month and not spent yet.</summary>
    public static List<ChannelSpend> ChannelSpend() =>
    [
        new(GoogleAds, new DateOnly(2024, 1, 1), 300m),
        new(Newsletter, new DateOnly(2024, 1, 1), 50m),
        new(GoogleAds, new DateOnly(2024, 6, 1), 40m),
        new(GoogleAds, new DateOnly(2025, 2, 1), 90m),
        new(GoogleAds, new DateOnly(2025, 4, 1), 999m),
    ];

    /// <summary>Retention spend (no channel).</summary>
    public static Dictionary<DateOnly, decimal> RetentionSpend() => new() { [new DateOnly(2024, 2, 1)] = 70m };

    private static NormalizedOrder Order(string id, string customer, string day, decimal total, OrderChannel? channel, string? refundedOn = null)
    {
        var at = new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        IReadOnlyList<OrderRefund> refunds = refundedOn is null
            ? []
            : [new OrderRefund("r-" + id, total, new DateTimeOffset(DateOnly.Parse(refundedOn, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))];
        return new NormalizedOrder(Shop.Id, id, customer, at, at, "EUR", total, refundedOn is null ? OrderStatus.Paid : OrderStatus.Refunded, null,
            refunds, false, "generic", "evt-" + id) { Channel = channel ?? OrderChannel.Unknown };
    }
}
