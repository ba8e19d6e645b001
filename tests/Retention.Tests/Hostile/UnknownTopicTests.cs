using Retention.Core.Webhooks;
using Retention.Pipeline.Ingest;
using Retention.Tests.Support;

namespace Retention.Tests.Hostile;

/// <summary>
/// Topics the pipeline does not read, on the two platform routes: answered 200 (so the platform does not retry or
/// disable the webhook), logged naming the topic and shop, and nothing stored, as docs/shopify.md and
/// docs/woocommerce.md say. The body is never read, so not even a hostile one changes the answer.
/// </summary>
public class UnknownTopicTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    public static TheoryData<string, string> Topics => new()
    {
        { "shopify", "products/create" },
        { "shopify", "customers/create" },
        { "shopify", "app/uninstalled" },
        { "shopify", "orders/refunded" },
        { "shopify", "ORDERS/CREATE" },
        { "shopify", "orders/" + new string('x', 300) },
        { "woocommerce", "product.created" },
        { "woocommerce", "customer.updated" },
        { "woocommerce", "coupon.deleted" },
        { "woocommerce", "action.woocommerce_checkout_order_processed" },
        { "woocommerce", "order.Created" },
    };

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task An_unknown_topic_is_answered_200_logged_and_stores_nothing(string routeName, string topic)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, $"topic-{route.Name}-{Math.Abs(topic.GetHashCode()) % 100_000}");
        var topicHeader = route == SignedRoute.Shopify ? ShopifySignature.TopicHeader : WooCommerceWebhookHeaders.TopicHeader;

        foreach (var body in new[] { route.Body(), "{\"id\": [[[ not json"u8.ToArray() })
        {
            using var request = route.Request(shop, body, "topic-" + body.Length);
            request.Headers.Remove(topicHeader);
            request.Headers.Add(topicHeader, topic);
            using var response = await pipeline.Http.SendAsync(request);
            var answer = await HostileAnswer.ReadAsync(response);
            Assert.True(answer.Status == 200, answer.ToString());
        }

        // Logged with the shop and (when it is printable and not too long to log) the topic itself.
        var logged = pipeline.Logs.Entries.Where(e => e.Message.Contains(shop.Id, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Contains(topic.Length <= 256 ? topic : "topic", e.Message));
        await pipeline.DrainAsync();
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shop.Id));
    }
}
