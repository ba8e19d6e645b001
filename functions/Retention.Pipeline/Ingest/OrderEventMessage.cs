using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The claim-check pointer ingest puts on <c>order-events</c> for one event, and processing takes off it; the body stays
/// in the blob. <paramref name="Kind"/> is what the event is, which says how to normalize it: <c>generic</c>,
/// <c>shopify</c>, <c>woocommerce</c> (orders), <c>shopify-refund</c>, <c>shopify-order-deletion</c>,
/// <c>woocommerce-order-deletion</c>, <c>feedback</c>, a Shopify compliance topic, <c>import</c>.
/// </summary>
public sealed record OrderEventMessage(string Shop, string Kind, string EventId, string Blob, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// Reads a message; one queued by a version before the field was named <c>kind</c> (it was <c>platform</c>), still
    /// waiting or parked in the poison queue, reads the same.
    /// </summary>
    /// <exception cref="InvalidDataException">the text is not such a message: it cannot succeed on a retry either.</exception>
    public static OrderEventMessage Parse(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject fields && !fields.ContainsKey("kind") && fields["platform"] is { } platform)
            {
                fields["kind"] = platform.DeepClone();
                text = fields.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: QueueMessages.Parse says so in its own words.
        }
        return QueueMessages.Parse<OrderEventMessage>(text);
    }
}
