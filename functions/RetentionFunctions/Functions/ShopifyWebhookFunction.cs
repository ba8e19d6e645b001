using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>POST /api/webhooks/shopify/{shop}: Shopify webhooks, X-Shopify-Hmac-Sha256 verified with the app's secret.</summary>
public sealed class ShopifyWebhookFunction(WebhookEndpoints endpoints)
{
    [Function(FunctionBindings.ShopifyWebhook)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.ShopifyWebhook)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        endpoints.ShopifyAsync(request, shop, cancellationToken);
}
