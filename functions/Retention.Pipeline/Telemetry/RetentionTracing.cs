using System.Diagnostics;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// The pipeline's spans (<c>docs/telemetry.md</c>): one trace per webhook delivery (request → intake batch write → queue hop →
/// processing → table write), one trace per shop's night with a span per stage. Tags name shops, events, batches and queues,
/// never a person.
/// </summary>
public sealed class RetentionTracing : IDisposable
{
    public const string SourceName = "Retention";

    public const string IntakeBatchWrite = "intake batch write";
    public const string OrdersWrite = "orders write";
    public const string Night = "night";

    /// <summary>The stages of a night, each a child span of <see cref="Night"/>.</summary>
    public static class NightStage
    {
        public const string Read = "night read";
        /// <summary>What the night needs of the shop's ledger, taken before it is let go (<c>LedgerFigures</c>, the audiences' part).</summary>
        public const string LedgerFigures = "night ledger figures";
        public const string Compute = "night compute";
        public const string Audiences = "night audiences";
        public const string Datasets = "night datasets";
        public const string Exports = "night exports";
        public const string Report = "night report";
        public const string Deliveries = "night deliveries";

        public static IReadOnlyList<string> All { get; } = [Read, LedgerFigures, Compute, Audiences, Datasets, Exports, Report, Deliveries];
    }

    private readonly ActivitySource _source = new(SourceName);

    /// <summary>
    /// The group commit's write: a child of the first delivery in it, linked to the others, so each delivery's trace leads
    /// to the write that stored it and the queue message it sent.
    /// </summary>
    public Activity? StartIntakeBatchWrite(string shop, IReadOnlyList<ActivityContext> deliveries)
    {
        var parent = deliveries.FirstOrDefault(c => c != default);
        var links = deliveries.Where(c => c != default && c != parent).Select(c => new ActivityLink(c));
        var activity = _source.StartActivity(ActivityKind.Producer, parent, Tags(("retention.shop", shop), ("retention.deliveries", deliveries.Count)),
            links, name: IntakeBatchWrite);
        return activity;
    }

    /// <summary>
    /// A queue message handled: a child of the span that sent it (its <c>traceparent</c>), so the queue hop joins the sender's
    /// trace, linked to the host's own invocation span when there is one.
    /// </summary>
    public SpanScope StartProcessing(string queue, QueueMessageEnvelope message, long dequeueCount)
    {
        var invocation = Activity.Current?.Context;
        var parent = message.TraceContext ?? invocation ?? default;
        var links = invocation is { } i && message.TraceContext is not null ? [new ActivityLink(i)] : Array.Empty<ActivityLink>();
        var previous = Activity.Current;
        // Without a sender's context the invocation is the parent; with one, the sender's trace is, whatever is current.
        if (message.TraceContext is not null) Activity.Current = null;
        var activity = _source.StartActivity(ActivityKind.Consumer, parent,
            Tags(("messaging.system", "azure_queue"), ("messaging.destination.name", queue), ("messaging.operation.type", "process"),
                ("retention.shop", message.Shop), ("retention.dequeue_count", dequeueCount)),
            links, name: $"{queue} process");
        return new SpanScope(activity, previous);
    }

    /// <summary>A shop's night: the root of a trace of its own, linked to whatever asked for it (the timer's message, a CLI run).</summary>
    public SpanScope StartNight(string shop, DateOnly asOf)
    {
        var asker = Activity.Current?.Context;
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = _source.StartActivity(ActivityKind.Internal, default(ActivityContext),
            Tags(("retention.shop", shop), ("retention.as_of", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            asker is { } a ? [new ActivityLink(a)] : null, name: Night);
        return new SpanScope(activity, previous);
    }

    /// <summary>One stage of whatever is current: a night's read, compute, datasets, exports, report, audiences; a table write.</summary>
    public Activity? StartStage(string name, params (string Key, object? Value)[] tags) =>
        _source.StartActivity(ActivityKind.Internal, default(ActivityContext), Tags(tags), name: name);

    public void Dispose() => _source.Dispose();

    private static ActivityTagsCollection Tags(params (string Key, object? Value)[] tags)
    {
        var collection = new ActivityTagsCollection();
        foreach (var (key, value) in tags)
            if (value is not null) collection[key] = value;
        return collection;
    }
}
