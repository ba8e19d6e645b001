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
    /// <summary>How long a received message stays invisible while a handler works on it (the Functions host's lease).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

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
