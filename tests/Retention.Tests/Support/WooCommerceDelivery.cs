using System.Net.Http.Headers;
using Retention.Core.WooCommerce;

namespace Retention.Tests.Support;

/// <summary>A WooCommerce webhook delivery as a store sends it: the X-WC-Webhook-* headers and the body signed with a secret.</summary>
internal static class WooCommerceDelivery
{
    public static Task<HttpResponseMessage> PostAsync(PipelineHost pipeline, string shopId, string secret, string topic, byte[] body, string deliveryId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/woocommerce/{shopId}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic.Split('.')[0]);
        request.Headers.Add("X-WC-Webhook-Event", topic.Split('.')[1]);
        request.Headers.Add("X-WC-Webhook-ID", "7");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        request.Headers.Add("X-WC-Webhook-Signature", WooCommerceSignature.Sign(secret, body));
        return pipeline.Http.SendAsync(request);
    }
}
