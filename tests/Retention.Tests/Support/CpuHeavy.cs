namespace Retention.Tests.Support;

/// <summary>
/// Tests that keep both cores busy for tens of seconds (a million simulated customers, a night in a child process, hundreds
/// of simulated shops): they run alone, after the others, so the timing-sensitive pipeline tests never share the machine
/// with them. Measured in CI: with them in parallel, a queue that drains in seconds did not drain within a minute.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavy
{
    public const string Name = "cpu-heavy";
}
