using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>The nightly timer (NightlySnapshotSchedule, UTC): queues one snapshot request per shop.</summary>
public sealed class NightlySnapshotFunction(NightlySnapshotScheduler scheduler)
{
    [Function(FunctionBindings.NightlySnapshot)]
    public Task Run(
        [TimerTrigger("%" + SettingNames.NightlySnapshotSchedule + "%")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        scheduler.RequestAllAsync(cancellationToken);
}
