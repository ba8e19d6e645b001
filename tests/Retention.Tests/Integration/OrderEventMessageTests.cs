using Retention.Pipeline.Ingest;

namespace Retention.Tests.Integration;

/// <summary>
/// The single-event message names its event's kind <c>kind</c>; one queued (or parked in the poison queue) by a version
/// that called it <c>platform</c> reads the same, so a deployment or a later poison replay loses nothing.
/// </summary>
public class OrderEventMessageTests
{
    [Fact]
    public void A_message_written_with_kind_and_one_written_with_platform_read_the_same()
    {
        var now = "\"receivedAt\":\"2025-03-01T10:00:00+00:00\"";
        var current = OrderEventMessage.Parse($$"""{"shop":"s","kind":"shopify-refund","eventId":"e1","blob":"s/shopify-refund/e1",{{now}}}""");
        var queuedBefore = OrderEventMessage.Parse($$"""{"shop":"s","platform":"shopify-refund","eventId":"e1","blob":"s/shopify-refund/e1",{{now}}}""");

        Assert.Equal("shopify-refund", current.Kind);
        Assert.Equal(current, queuedBefore);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void What_is_not_a_message_is_refused_as_data_that_cannot_succeed(string text) =>
        Assert.Throws<InvalidDataException>(() => OrderEventMessage.Parse(text));
}
