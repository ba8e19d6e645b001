using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Retention.Cli.Demo;
using Retention.Core.Webhooks;

namespace Retention.Tests.Support;

/// <summary>
/// A receiver of our outbound webhooks as a shop would run one: real Kestrel on 127.0.0.1, verifying each request's
/// Standard Webhooks signature with the secret of the subscription the body names, answering what the test sets
/// (<see cref="Answer"/>: 200, or 503 while "down", 400, 410), and recording every request it got.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, string> _secrets = new();

    /// <param name="Verified">the signature matched the secret of the subscription the body names, within the timestamp's tolerance.</param>
    public sealed record Received(string WebhookId, bool Verified, int Answered, JsonElement Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>What the next requests are answered.</summary>
    public int Answer { get; set; } = 200;

    public Uri Url => new(LoopbackKestrel.Address(_app!) + "/hooks/retention");

    /// <summary>The subscription's secret, as <c>audiences subscribe</c> printed it.</summary>
    public void Trust(string subscriptionId, string secret) => _secrets[subscriptionId] = secret;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._app = await LoopbackKestrel.StartAsync(app => app.MapPost("/hooks/retention", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var json = JsonDocument.Parse(body).RootElement.Clone();
            var subscription = json.GetProperty("data").GetProperty("subscription").GetString()!;
            var verified = receiver._secrets.TryGetValue(subscription, out var secret) && StandardWebhookSignature.Verify(secret,
                context.Request.Headers[StandardWebhookSignature.IdHeader], context.Request.Headers[StandardWebhookSignature.TimestampHeader],
                context.Request.Headers[StandardWebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow).IsValid;
            var answer = verified ? receiver.Answer : 401;
            receiver.Requests.Enqueue(new Received(context.Request.Headers[StandardWebhookSignature.IdHeader].ToString(), verified, answer, json));
            context.Response.StatusCode = answer;
        }));
        return receiver;
    }

    public ValueTask DisposeAsync() => LoopbackKestrel.StopAsync(_app!);
}
