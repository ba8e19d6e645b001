using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>POST /api/spend/{shop}: a month's retention spend, Standard Webhooks signed.</summary>
public sealed class RetentionSpendFunction(WebhookEndpoints endpoints)
{
    [Function(FunctionBindings.RetentionSpend)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.RetentionSpend)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        endpoints.RetentionSpendAsync(request, shop, cancellationToken);
}
