using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Tests.Dimensions;

/// <summary>Hand-built orders of one UTC shop, each with what the dimension figures read: lines, channel, codes, country.</summary>
internal static class DimensionTestOrders
{
    public static readonly Shop Shop = new("dimension-shop", "Etc/UTC", "EUR", DateTimeOffset.UnixEpoch);

    public static NormalizedOrder Order(string id, string customer, DateOnly day, decimal total, string[]? products = null,
        OrderChannel? channel = null, string[]? codes = null, string? country = null, OrderStatus status = OrderStatus.Paid,
        bool test = false, params OrderRefund[] refunds)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        return new NormalizedOrder(Shop.Id, id, customer, at, at, "EUR", total, status, null, refunds, test, "generic", "evt-" + id)
        {
            Lines = [.. (products ?? []).Select((p, i) => new OrderLine(p, null, null, "Title of " + p, 1, 10m + i))],
            Channel = channel ?? OrderChannel.Unknown,
            DiscountCodes = codes ?? [],
            Country = country,
        };
    }

    public static OrderRefund Refund(string id, decimal amount, DateOnly day) =>
        new(id, amount, new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
}
