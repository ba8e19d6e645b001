using System.Globalization;
using Retention.Core.Orders;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>Adding a refunds/create refund to the stored version of its order.</summary>
public class ShopifyRefundApplicationTests
{
    private static readonly DateTimeOffset Ordered = DateTimeOffset.Parse("2025-03-01T10:00:00-05:00", CultureInfo.InvariantCulture);

    private static NormalizedOrder Stored(DateTimeOffset updatedAt, params OrderRefund[] refunds) => new("shop", "1001", "c:1", Ordered, updatedAt,
        "USD", 100m, OrderStatus.Paid, null, refunds, false, "shopify", "wh-order");

    [Fact]
    public void The_refund_is_added_and_the_version_dated_at_the_refund()
    {
        var refund = new OrderRefund("r1", 30m, Ordered.AddDays(2));
        var applied = ShopifyRefundApplication.Apply(Stored(Ordered), refund, "wh-refund")!;
        Assert.Equal((refund.RefundedAt, OrderStatus.Paid, "wh-refund"), (applied.UpdatedAt, applied.Status, applied.SourceEventId));
        Assert.Equal([refund], applied.Refunds);
    }

    [Fact]
    public void The_same_refund_id_or_a_refund_of_nothing_changes_nothing()
    {
        var refund = new OrderRefund("r1", 30m, Ordered.AddDays(2));
        Assert.Null(ShopifyRefundApplication.Apply(Stored(Ordered.AddDays(3), refund), refund with { Amount = 31m }, "wh-again"));
        Assert.Null(ShopifyRefundApplication.Apply(Stored(Ordered), new OrderRefund("r0", 0m, Ordered.AddDays(1)), "wh-zero"));
    }

    [Fact]
    public void Refunds_reaching_the_total_make_the_order_refunded()
    {
        var first = new OrderRefund("r1", 60m, Ordered.AddDays(1));
        var applied = ShopifyRefundApplication.Apply(Stored(Ordered.AddDays(1), first), new OrderRefund("r2", 40m, Ordered.AddDays(2)), "wh")!;
        Assert.Equal(OrderStatus.Refunded, applied.Status);
    }

    [Fact]
    public void A_stored_version_as_recent_as_the_refund_is_superseded_one_second_later_rather_than_by_a_coin_toss()
    {
        var at = Ordered.AddDays(2);
        var stored = Stored(at);
        var applied = ShopifyRefundApplication.Apply(stored, new OrderRefund("r1", 10m, at), "wh")!;
        Assert.Equal(at.AddSeconds(1), applied.UpdatedAt);
        Assert.True(OrderVersion.Supersedes(applied.UpdatedAt, OrderVersion.Fingerprint(applied), stored.UpdatedAt, OrderVersion.Fingerprint(stored)));
    }
}
