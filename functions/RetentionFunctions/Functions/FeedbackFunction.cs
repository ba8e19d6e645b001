using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>POST /api/feedback/{shop}: a survey answer, Standard Webhooks signed, through the claim-check queue.</summary>
public sealed class FeedbackFunction(WebhookEndpoints endpoints)
{
    [Function(FunctionBindings.Feedback)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Feedback)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        endpoints.FeedbackAsync(request, shop, cancellationToken);
}
