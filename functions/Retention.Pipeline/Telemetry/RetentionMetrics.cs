using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// Every metric the pipeline records, by its documented name and unit (<c>docs/telemetry.md</c>). The alert rules and the
/// workbook in <c>infra/</c> query these names; in Application Insights they are rows of <c>customMetrics</c> with the tags
/// as <c>customDimensions</c>. Tags never carry personal data: a shop id, a platform, a queue, an outcome, a reason.
/// </summary>
public sealed class RetentionMetrics
{
    public const string MeterName = "Retention";

    public const string WebhookDeliveries = "retention.webhook.deliveries";
    public const string WebhookAckDuration = "retention.webhook.ack.duration";
    public const string IntakeBatchDeliveries = "retention.intake.batch.deliveries";
    public const string EventsProcessed = "retention.events.processed";
    public const string EventsFailed = "retention.events.failed";
    public const string QueueLag = "retention.queue.lag";
    public const string QueuePoisoned = "retention.queue.poisoned";
    public const string NightRuns = "retention.night.runs";
    public const string NightDuration = "retention.night.duration";
    public const string NightOrders = "retention.night.orders";
    public const string ExportBytes = "retention.export.bytes";
    public const string AudienceDeliveries = "retention.audience.deliveries";
    public const string AudienceDeadLetters = "retention.audience.dead_letters";

    /// <summary>Every name above, for the tests that hold docs and infra to them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        WebhookDeliveries, WebhookAckDuration, IntakeBatchDeliveries, EventsProcessed, EventsFailed, QueueLag, QueuePoisoned,
        NightRuns, NightDuration, NightOrders, ExportBytes, AudienceDeliveries, AudienceDeadLetters,
    ];

    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookAck;
    private readonly Histogram<int> _intakeBatch;
    private readonly Counter<long> _eventsProcessed;
    private readonly Counter<long> _eventsFailed;
    private readonly Histogram<double> _queueLag;
    private readonly Counter<long> _poisoned;
    private readonly Counter<long> _nightRuns;
    private readonly Histogram<double> _nightDuration;
    private readonly Histogram<long> _nightOrders;
    private readonly Counter<long> _exportBytes;
    private readonly Counter<long> _audienceDeliveries;
    private readonly Counter<long> _audienceDeadLetters;

    /// <summary>
    /// One meter per process, never disposed. OpenTelemetry merges the same-named instruments of same-named meters into one
    /// stream, and a meter disposed with its host (as <c>IMeterFactory</c>'s are) ends that stream for every other host in the
    /// process too: seen in the tests, where a second host's counters read 0 once the first had stopped.
    /// </summary>
    private static readonly Meter ProcessMeter = new(MeterName);

    public RetentionMetrics()
    {
        var meter = ProcessMeter;
        _webhookDeliveries = meter.CreateCounter<long>(WebhookDeliveries, "{delivery}",
            "Webhook deliveries answered, by platform and outcome: accepted (2xx), refused (4xx, with its reason), failed (5xx).");
        // Buckets for milliseconds-to-seconds answers: the default bounds start at 0, 5, 10 (seconds would all fall in one).
        _webhookAck = meter.CreateHistogram(WebhookAckDuration, "s", "Time from a webhook's arrival to its answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _intakeBatch = meter.CreateHistogram<int>(IntakeBatchDeliveries, "{delivery}", "Deliveries written together in one intake batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100] });
        _eventsProcessed = meter.CreateCounter<long>(EventsProcessed, "{event}", "Queue messages handled to the end.");
        _eventsFailed = meter.CreateCounter<long>(EventsFailed, "{event}", "Queue message attempts that failed (each is retried, then poisoned).");
        _queueLag = meter.CreateHistogram(QueueLag, "s", "Age of a queue message when its handling starts.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 86400] });
        _poisoned = meter.CreateCounter<long>(QueuePoisoned, "{message}", "Messages that failed their last allowed attempt and went to the -poison queue.");
        _nightRuns = meter.CreateCounter<long>(NightRuns, "{night}", "Nights computed per shop, by outcome: completed or failed.");
        _nightDuration = meter.CreateHistogram(NightDuration, "s", "How long a shop's night took, read to stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600] });
        _nightOrders = meter.CreateHistogram<long>(NightOrders, "{order}", "Orders a shop's night counted.");
        _exportBytes = meter.CreateCounter<long>(ExportBytes, "By", "Bytes of Parquet and CSV files a night published.");
        _audienceDeliveries = meter.CreateCounter<long>(AudienceDeliveries, "{webhook}",
            "Audience webhook attempts, by outcome: delivered, retried, dead, cancelled.");
        _audienceDeadLetters = meter.CreateCounter<long>(AudienceDeadLetters, "{webhook}", "Audience webhooks given up on (audiences deliveries list --status dead).");
    }

    public void WebhookAnswered(string platform, string shop, int status, string? reason, TimeSpan elapsed)
    {
        var outcome = status switch { < 300 => "accepted", < 500 => "refused", _ => "failed" };
        var tags = new TagList { { "platform", platform }, { "shop", shop }, { "outcome", outcome } };
        if (outcome != "accepted") tags.Add("reason", reason ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _webhookDeliveries.Add(1, tags);
        _webhookAck.Record(elapsed.TotalSeconds, new TagList { { "platform", platform }, { "shop", shop }, { "outcome", outcome } });
    }

    public void IntakeBatchWritten(string shop, int deliveries) => _intakeBatch.Record(deliveries, new KeyValuePair<string, object?>("shop", shop));

    public void MessageStarted(string queue, string? shop, TimeSpan age) =>
        _queueLag.Record(Math.Max(0, age.TotalSeconds), new("queue", queue), new("shop", shop));

    public void MessageHandled(string queue, string? shop) => _eventsProcessed.Add(1, new("queue", queue), new("shop", shop));

    public void MessageFailed(string queue, string? shop) => _eventsFailed.Add(1, new("queue", queue), new("shop", shop));

    public void MessagePoisoned(string queue, string? shop) => _poisoned.Add(1, new("queue", queue), new("shop", shop));

    public void NightDone(string shop, bool completed, TimeSpan elapsed, long? orders)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed");
        _nightRuns.Add(1, new("shop", shop), outcome);
        _nightDuration.Record(elapsed.TotalSeconds, new("shop", shop), outcome);
        if (orders is { } n) _nightOrders.Record(n, new KeyValuePair<string, object?>("shop", shop));
    }

    public void Exported(string shop, string dataset, string format, long bytes) =>
        _exportBytes.Add(bytes, new("shop", shop), new("dataset", dataset), new("format", format));

    public void AudienceWebhook(string shop, string outcome)
    {
        _audienceDeliveries.Add(1, new("shop", shop), new("outcome", outcome));
        if (outcome == "dead") _audienceDeadLetters.Add(1, new KeyValuePair<string, object?>("shop", shop));
    }
}
