using Retention.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>Computes one shop's snapshot per request, so shops run in parallel across instances.</summary>
public sealed class ShopSnapshotFunction(SnapshotService snapshots, QueueInvocation invocation)
{
    [Function(FunctionBindings.ComputeShopSnapshot)]
    public Task Run(
        [QueueTrigger(StorageNames.SnapshotRequestsQueue, Connection = SettingNames.RetentionStorage)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        invocation.RunAsync(StorageNames.SnapshotRequestsQueue, message, QueueTriggerData.Of(context), snapshots.HandleRequestAsync, cancellationToken);
}
