using Retention.Core.Orders;

namespace Retention.Tests.Shopify;

public static class NormalizedOrders
{
    /// <summary>Every field of two orders equal, lists by their items (records compare lists by reference).</summary>
    public static void AssertSame(NormalizedOrder expected, NormalizedOrder actual)
    {
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.DiscountCodes, actual.DiscountCodes);
        Assert.Equal(expected.Refunds, actual.Refunds);
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.Country, actual.Country);
        Assert.Equal(OrderVersion.Fingerprint(expected), OrderVersion.Fingerprint(actual));
    }
}
