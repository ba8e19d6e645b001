using Microsoft.Extensions.Logging.Abstractions;
using Retention.Pipeline.Hosting;
using Retention.Pipeline.Http;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.LocalHost;

/// <summary>
/// The Functions app's start-up (<see cref="StorageProvisioning"/>, registered in its Program.cs): on a fresh Azurite the
/// health endpoint is unhealthy until it ran and healthy at once after; running it again changes nothing.
/// </summary>
public class StorageProvisioningTests
{
    [Fact]
    public async Task A_fresh_storage_is_healthy_once_the_app_has_started_and_starting_again_is_harmless()
    {
        await using var azurite = await Azurite.StartAsync();
        var storage = RetentionStorage.FromConnectionString(azurite.ConnectionString);
        var health = new HealthEndpoint(storage);
        Assert.Equal(503, ((JsonResponse)await health.CheckAsync(default)).Status);

        var provisioning = new StorageProvisioning(storage, NullLogger<StorageProvisioning>.Instance);
        await provisioning.StartAsync(default);
        Assert.Equal(200, ((JsonResponse)await health.CheckAsync(default)).Status);

        await provisioning.StartAsync(default);
        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync()) tables.Add(table.Name);
        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        var queues = new List<string>();
        await foreach (var queue in storage.Queues.GetQueuesAsync()) queues.Add(queue.Name);
        Assert.Equal(StorageNames.Queues.Concat(StorageNames.PoisonQueues).Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
    }
}
