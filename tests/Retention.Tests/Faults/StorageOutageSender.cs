using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Retention.Cli.Demo;
using Retention.Core.Simulation;

namespace Retention.Tests.Faults;

/// <summary>
/// One answer to one attempt at a delivery, on the sender's clock. <paramref name="Status"/> is 0 when no HTTP answer
/// came (the connection failed; <paramref name="Failure"/> says how).
/// </summary>
public sealed record DeliveryAnswer(string EventId, int Attempt, int Status, TimeSpan? RetryAfter, string? Failure,
    TimeSpan SentAt, TimeSpan AnsweredAt);

/// <summary>
/// Sends signed deliveries the way a platform does through a storage outage: each one again after a 503 or a failed
/// connection, until it is answered 202, and every answer kept. It waits <see cref="RetryPause"/> between attempts
/// rather than the answer's Retry-After (10 s), which a test cannot afford; the tests check the header is there.
/// </summary>
public sealed class StorageOutageSender(WebhookSender sender)
{
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<DeliveryAnswer> _answers = new();

    public TimeSpan Now => _clock.Elapsed;
    public IReadOnlyList<DeliveryAnswer> Answers => [.. _answers];
    public int CountOf(HttpStatusCode status) => _answers.Count(a => a.Status == (int)status);

    /// <summary>Sends each delivery until it is answered 202 or something other than 503 (which the tests then report).</summary>
    public Task SendAsync(IReadOnlyList<SyntheticDelivery> deliveries, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    var answer = await AttemptAsync(delivery, attempt, ct);
                    _answers.Enqueue(answer);
                    if (answer.Status is not (0 or (int)HttpStatusCode.ServiceUnavailable)) return;
                    await Task.Delay(RetryPause, ct);
                }
            });

    /// <summary>Sends each delivery once, whatever the answer.</summary>
    public async Task<IReadOnlyList<DeliveryAnswer>> SendOnceAsync(IReadOnlyList<SyntheticDelivery> deliveries, int concurrency,
        CancellationToken cancellationToken)
    {
        var answers = new DeliveryAnswer[deliveries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => _answers.Enqueue(answers[i] = await AttemptAsync(deliveries[i], 1, ct)));
        return answers;
    }

    private async Task<DeliveryAnswer> AttemptAsync(SyntheticDelivery delivery, int attempt, CancellationToken cancellationToken)
    {
        var sentAt = Now;
        try
        {
            using var response = await sender.PostAsync(delivery, cancellationToken);
            return new DeliveryAnswer(delivery.EventId, attempt, (int)response.StatusCode, response.Headers.RetryAfter?.Delta, null, sentAt, Now);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DeliveryAnswer(delivery.EventId, attempt, 0, null, $"{e.GetType().Name}: {e.Message}", sentAt, Now);
        }
    }
}
