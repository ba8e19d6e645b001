using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>Sends one audience webhook per message; a failed attempt is queued again after its back-off by the service, not thrown.</summary>
public sealed class AudienceDeliveryFunction(AudienceDeliveryService deliveries)
{
    [Function(FunctionBindings.DeliverAudienceChanges)]
    public Task Run(
        [QueueTrigger(StorageNames.AudienceDeliveriesQueue, Connection = SettingNames.RetentionStorage)] string message,
        CancellationToken cancellationToken) =>
        deliveries.HandleAsync(message, cancellationToken);
}
