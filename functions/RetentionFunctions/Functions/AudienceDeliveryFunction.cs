using Retention.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>Sends one audience webhook per message; a failed attempt is queued again after its back-off by the service, not thrown.</summary>
public sealed class AudienceDeliveryFunction(AudienceDeliveryService deliveries, QueueInvocation invocation)
{
    [Function(FunctionBindings.DeliverAudienceChanges)]
    public Task Run(
        [QueueTrigger(StorageNames.AudienceDeliveriesQueue, Connection = SettingNames.RetentionStorage)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        invocation.RunAsync(StorageNames.AudienceDeliveriesQueue, message, QueueTriggerData.Of(context), deliveries.HandleAsync, cancellationToken);
}
