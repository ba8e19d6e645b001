using System.Net;
using System.Net.Http.Headers;
using Retention.Core.Simulation;
using Retention.Core.Webhooks;

namespace Retention.Cli.Demo;

/// <summary>What happened to a batch of deliveries.</summary>
public sealed record SendReport(int Sent, int Accepted, int Retried, IReadOnlyDictionary<int, int> Refused);

/// <summary>
/// Sends deliveries as a platform would: each signed (Standard Webhooks) at the moment it is sent, over real
/// HTTP, with bounded concurrency, and sent again after a 503's Retry-After (capped, for a demo).
/// </summary>
public sealed class WebhookSender(HttpClient http, string shopId, string webhookSecret, TimeProvider clock, string route = "webhooks/generic")
{
    private const int MaxAttempts = 5;

    public async Task<SendReport> SendAsync(IReadOnlyList<SyntheticDelivery> deliveries, int concurrency,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        int accepted = 0, retried = 0, done = 0;
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var response = await PostAsync(delivery, ct);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
                    {
                        Interlocked.Increment(ref retried);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1, 2)), ct);
                        continue;
                    }
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    }
                    break;
                }
                progress?.Report(Interlocked.Increment(ref done));
            });
        return new SendReport(deliveries.Count, accepted, retried, refused);
    }

    public Task<HttpResponseMessage> PostAsync(SyntheticDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/{route}/{shopId}")
        {
            Content = new ByteArrayContent(delivery.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(StandardWebhookSignature.IdHeader, delivery.EventId);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(webhookSecret, delivery.EventId, timestamp, delivery.Body));
        return http.SendAsync(request, cancellationToken);
    }
}
