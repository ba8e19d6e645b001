using System.Collections.Concurrent;
using System.Net;
using Retention.Cli.Demo;
using Retention.Core.Simulation;

namespace Retention.Tests.Faults;

/// <summary>
/// A platform that does not give up: every delivery is sent until it is answered 202. A refused connection or one cut
/// mid-request (the host was killed) and a 503 are sent again after a short pause, as a platform retries; any other
/// answer is a failure of the test. It records which event ids were acknowledged, the promise the host has to keep.
/// </summary>
internal sealed class ProcessorKillSender(HttpClient http, string shopId, string webhookSecret)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, int> _acknowledged = new(StringComparer.Ordinal);
    private int _retries;

    /// <summary>Distinct event ids answered 202 so far.</summary>
    public int Acknowledged => _acknowledged.Count;

    public IReadOnlyCollection<string> AcknowledgedEventIds => [.. _acknowledged.Keys];

    /// <summary>Sends that got no 202 and were made again.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public async Task SendAsync(IReadOnlyList<SyntheticDelivery> deliveries, int concurrency, CancellationToken cancellationToken)
    {
        var sender = new WebhookSender(http, shopId, webhookSecret, TimeProvider.System);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                while (true)
                {
                    try
                    {
                        using var response = await sender.PostAsync(delivery, ct);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            _acknowledged.AddOrUpdate(delivery.EventId, 1, (_, n) => n + 1);
                            return;
                        }
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                            throw new InvalidOperationException($"{shopId}: delivery {delivery.EventId} was answered {(int)response.StatusCode}: " +
                                                                await response.Content.ReadAsStringAsync(ct));
                    }
                    catch (HttpRequestException)
                    {
                        // The host is down, or died while answering: whether it stored the delivery or not, send it again.
                    }
                    catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // The client's own timeout: a host that hung as it was killed.
                    }
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(Pause, ct);
                }
            });
    }
}
