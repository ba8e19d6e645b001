using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Retention.Cli.Demo;

namespace Retention.Tests.Support;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP front as the pipeline meets it: real Kestrel on 127.0.0.1 taking
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>, answering 200, and keeping each body. Protobuf keeps
/// strings as UTF-8 bytes, so a test can look for a span's, metric's or attribute's name in what arrived.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    public sealed record Export(string Path, string? ContentType, byte[] Body)
    {
        public bool Mentions(string text) => Encoding.UTF8.GetString(Body).Contains(text, StringComparison.Ordinal);
    }

    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, ConcurrentQueue<Export> exports) => (_app, Exports) = (app, exports);

    public ConcurrentQueue<Export> Exports { get; }

    public Uri Endpoint => new(LoopbackKestrel.Address(_app));

    public static async Task<OtlpCollector> StartAsync()
    {
        var exports = new ConcurrentQueue<Export>();
        var app = await LoopbackKestrel.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            exports.Enqueue(new Export(context.Request.Path, context.Request.ContentType, buffer.ToArray()));
            context.Response.StatusCode = 200;
        }));
        return new OtlpCollector(app, exports);
    }

    public ValueTask DisposeAsync() => LoopbackKestrel.StopAsync(_app);
}
