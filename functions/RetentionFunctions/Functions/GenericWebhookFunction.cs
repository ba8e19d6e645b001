using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>POST /api/webhooks/generic/{shop}: a Standard Webhooks delivery of the generic order event.</summary>
public sealed class GenericWebhookFunction(WebhookEndpoints endpoints)
{
    // Anonymous: the shop's webhook signature is the authentication, and platforms cannot send function keys.
    [Function(FunctionBindings.GenericWebhook)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.GenericWebhook)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        endpoints.GenericAsync(request, shop, cancellationToken);
}
