using Retention.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>Normalizes and stores each accepted event, waiting out a storage outage; host.json's maxDequeueCount parks repeat failures in order-events-poison.</summary>
public sealed class OrderEventFunction(OrderEventsDispatch dispatch, QueueInvocation invocation)
{
    [Function(FunctionBindings.ProcessOrderEvent)]
    public Task Run(
        [QueueTrigger(StorageNames.OrderEventsQueue, Connection = SettingNames.RetentionStorage)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        invocation.RunAsync(StorageNames.OrderEventsQueue, message, QueueTriggerData.Of(context), dispatch.HandleAsync, cancellationToken);
}
