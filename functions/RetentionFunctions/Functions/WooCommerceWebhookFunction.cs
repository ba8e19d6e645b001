using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>POST /api/webhooks/woocommerce/{shop}: WooCommerce order webhooks, X-WC-Webhook-Signature verified.</summary>
public sealed class WooCommerceWebhookFunction(WebhookEndpoints endpoints)
{
    [Function(FunctionBindings.WooCommerceWebhook)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.WooCommerceWebhook)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        endpoints.WooCommerceAsync(request, shop, cancellationToken);
}
