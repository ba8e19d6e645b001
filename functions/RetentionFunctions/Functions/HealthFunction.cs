using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>GET /api/health: storage reachability.</summary>
public sealed class HealthFunction(HealthEndpoint health)
{
    [Function(FunctionBindings.Health)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        health.CheckAsync(cancellationToken);
}
