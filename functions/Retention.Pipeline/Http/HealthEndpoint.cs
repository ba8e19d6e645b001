using Microsoft.AspNetCore.Mvc;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Http;

/// <summary><c>GET /api/health</c>: can we reach the blob, queue and table services, right now.</summary>
public sealed class HealthEndpoint(RetentionStorage storage)
{
    public async Task<IActionResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var checks = await Task.WhenAll(
            Probe("blob", () => storage.RawEvents.ExistsAsync(timeout.Token)),
            Probe("queue", () => storage.Queue(StorageNames.OrderEventsQueue).ExistsAsync(timeout.Token)),
            Probe("table", async () => await storage.Table(StorageNames.ShopsTable)
                .QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: timeout.Token)
                .AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync()));
        var healthy = checks.All(c => c.Reachable);
        return new JsonResponse(healthy ? 200 : 503, new
        {
            status = healthy ? "healthy" : "unhealthy",
            storage = checks.ToDictionary(c => c.Service, c => c.Reachable ? "reachable" : c.Error),
        });
    }

    private static async Task<(string Service, bool Reachable, string? Error)> Probe(string service, Func<Task> probe)
    {
        try
        {
            await probe();
            return (service, true, null);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e) || e is Azure.RequestFailedException)
        {
            return (service, false, "unreachable: " + e.GetType().Name);
        }
    }
}
