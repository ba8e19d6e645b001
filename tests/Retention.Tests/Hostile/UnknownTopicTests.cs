using Retention.Tests.Support;
using Retention.Core.Shopify;
using Retention.Pipeline.WooCommerce;

namespace Retention.Tests.Hostile;

/// <summary>
/// Topics the pipeline does not read, on the two platform routes: answered 200 (so the platform does not retry or
/// disable the webhook), logged naming the topic and shop, and nothing stored, as docs/shopify.md and
/// docs/woocommerce.md say. The body is never read, so not even a hostile one changes the answer.
/// </summary>
public class UnknownTopicTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    public static TheoryData<string, string[]> Topics => new()
    {
        { "shopify", ["collections/create", "customers/create", "app/uninstalled", "orders/refunded", "ORDERS/CREATE", "orders/" + new string('x', 300)] },
        { "woocommerce", ["coupon.created", "customer.updated", "coupon.deleted", "action.woocommerce_checkout_order_processed", "order.Created"] },
    };

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task An_unknown_topic_is_answered_200_logged_and_stores_nothing(string routeName, string[] topics)
    {
        var route = SignedRoute.Named(routeName);
        var topicHeader = route == SignedRoute.Shopify ? ShopifySignature.TopicHeader : WooCommerceWebhookHeaders.TopicHeader;
        var shops = new List<HostileShop>();
        foreach (var (topic, i) in topics.Select((t, i) => (t, i)))
        {
            var shop = await HostileShop.RegisterAsync(pipeline, $"topic-{route.Name}-{i}");
            shops.Add(shop);
            foreach (var body in new[] { route.Body(), "{\"id\": [[[ not json"u8.ToArray() })
            {
                using var request = route.Request(shop, body, "topic-" + body.Length);
                request.Headers.Remove(topicHeader);
                request.Headers.Add(topicHeader, topic);
                using var response = await pipeline.Http.SendAsync(request);
                var answer = await HostileAnswer.ReadAsync(response);
                Assert.True(answer.Status == 200, $"{topic}: {answer}");
            }

            // Logged with the shop and (when it is printable and short enough to log) the topic itself.
            var logged = pipeline.Logs.Entries.Where(e => e.Message.Contains(shop.Id + " ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, logged.Count);
            Assert.All(logged, e => Assert.Contains(topic.Length <= 256 ? topic : "topic", e.Message));
        }

        await pipeline.DrainAsync();
        foreach (var shop in shops) Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shop.Id));
    }
}
