using System.Net.Http.Headers;
using System.Text;
using Retention.Core.Audiences.Delivery;
using Retention.Core.Webhooks;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// POSTs one delivery as a Standard Webhook: <c>webhook-id</c> (the delivery's id, the same on every attempt),
/// <c>webhook-timestamp</c> (this attempt's) and <c>webhook-signature</c> (<c>v1,</c> HMAC-SHA256 with the subscription's
/// secret), <c>Content-Type: application/json</c>. A receiver has 30 seconds to answer; redirects are not followed (a
/// signed body is not handed to another address).
/// </summary>
public sealed class AudienceWebhookSender(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout,
    };

    /// <returns>the HTTP status, or null and why when there was no answer.</returns>
    public async Task<(int? Status, string Result)> SendAsync(Uri url, string secret, AudienceDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(StandardWebhookSignature.IdHeader, delivery.Id);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(secret, delivery.Id, timestamp, body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (null, "no answer: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();
}
