namespace Retention.Pipeline.Snapshots;

/// <summary>How a shop's night ended (<see cref="NightRunRecord"/>).</summary>
public enum NightOutcome
{
    /// <summary>The day is stored, its exports published and its audiences' changes queued.</summary>
    Completed,

    /// <summary>It threw; the queue tries it again, up to its poison queue (<c>retention snapshot</c> does not).</summary>
    Failed,
}
