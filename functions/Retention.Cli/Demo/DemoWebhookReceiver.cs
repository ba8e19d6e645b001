using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Retention.Core.Webhooks;

namespace Retention.Cli.Demo;

/// <summary>
/// The demo's stand-in for a shop's tool: a receiver of the audience webhooks on 127.0.0.1 that verifies each signature
/// with the subscription's secret, as <c>docs/audiences.md</c> shows, drops a repeated <c>webhook-id</c>, and counts what
/// it got per night and audience.
/// </summary>
public sealed class DemoWebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, (string Night, string Audience, int Entered, int Left)> _received = new();

    public Uri Url => new(LoopbackKestrel.Address(_app!) + "/hooks/audiences");

    /// <summary>Requests whose signature did not verify (answered 401): none, unless something is wrong.</summary>
    public int Refused { get; private set; }

    /// <summary>The changes received for one night, per audience: entered and left, each webhook once.</summary>
    public IReadOnlyDictionary<string, (int Entered, int Left, int Webhooks)> Night(DateOnly night)
    {
        var day = night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return _received.Values.Where(r => r.Night == day).GroupBy(r => r.Audience)
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.Entered), g.Sum(r => r.Left), g.Count()));
    }

    public static async Task<DemoWebhookReceiver> StartAsync(Func<string> secret, CancellationToken cancellationToken)
    {
        var receiver = new DemoWebhookReceiver();
        receiver._app = await LoopbackKestrel.StartAsync(app => app.MapPost("/hooks/audiences", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            var headers = context.Request.Headers;
            var verification = StandardWebhookSignature.Verify(secret(), headers[StandardWebhookSignature.IdHeader],
                headers[StandardWebhookSignature.TimestampHeader], headers[StandardWebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow);
            if (!verification.IsValid)
            {
                receiver.Refused++;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
            var changes = data.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change").GetString()).ToList();
            receiver._received.TryAdd(headers[StandardWebhookSignature.IdHeader].ToString(), (data.GetProperty("night").GetString()!,
                data.GetProperty("audience").GetString()!, changes.Count(c => c == "entered"), changes.Count(c => c == "left")));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }), cancellationToken);
        return receiver;
    }

    public ValueTask DisposeAsync() => LoopbackKestrel.StopAsync(_app!);
}
