using System.Globalization;
using System.Text.Json.Nodes;

namespace Retention.Cli.LocalHost;

/// <summary>
/// host.json's <c>extensions.queues</c> section, with the Functions defaults for anything it leaves out,
/// so the local listener behaves like the queue trigger in Azure.
/// </summary>
public sealed record QueueTriggerOptions(
    int BatchSize = 16,
    int NewBatchThreshold = 8,
    int MaxDequeueCount = 5,
    TimeSpan VisibilityTimeout = default,
    TimeSpan MaxPollingInterval = default)
{
    /// <summary>The Functions host's lease on a received message: it is not in host.json, so it is the same in Azure for every app.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    /// <summary>The shortest lease: renewed every half, a shorter one would leave a renewal no time to land.</summary>
    public static readonly TimeSpan MinLease = TimeSpan.FromSeconds(2);

    /// <summary>The longest a queue message may stay invisible.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromDays(7);

    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a received message stays invisible while a handler works on it, renewed every half while it runs. It is
    /// also how long the messages of a process that died mid-work stay invisible before another takes them.
    /// </summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <returns>why the lease cannot be used, or null when it can (whole seconds: the queue counts visibility in seconds).</returns>
    public static string? LeaseProblem(TimeSpan lease) =>
        lease < MinLease || lease > MaxLease || lease.Ticks % TimeSpan.TicksPerSecond != 0
            ? $"the queue lease must be whole seconds from {MinLease.TotalSeconds:0} to {MaxLease.TotalSeconds:0} (7 days)"
            : null;

    public static QueueTriggerOptions FromHostJson(string path)
    {
        var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
        var batchSize = Int(queues, "batchSize") ?? 16;
        return new QueueTriggerOptions(
            batchSize,
            Int(queues, "newBatchThreshold") ?? batchSize / 2,
            Int(queues, "maxDequeueCount") ?? 5,
            Span(queues, "visibilityTimeout") ?? TimeSpan.Zero,
            Span(queues, "maxPollingInterval") ?? TimeSpan.FromMinutes(1));
    }

    private static int? Int(JsonNode? section, string name) => section?[name]?.GetValue<int>();

    private static TimeSpan? Span(JsonNode? section, string name) =>
        section?[name]?.GetValue<string>() is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;
}
