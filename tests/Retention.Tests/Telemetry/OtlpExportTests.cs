using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Retention.Pipeline.Telemetry;
using Retention.Tests.Support;

namespace Retention.Tests.Telemetry;

/// <summary>
/// <c>retention serve --otlp</c>, as its own process, sends its traces, metrics and logs by OTLP/HTTP to a collector (a real
/// Kestrel one): a signed webhook's spans and the delivery metrics arrive as protobuf, flushed when the host stops.
/// </summary>
/// <remarks>Its own Azurite with no other host on it: the serve process alone takes the queue's messages.</remarks>
public partial class OtlpExportTests : CliAgainstAzurite
{
    private static byte[] Order(string orderId) => Encoding.UTF8.GetBytes($$"""
        {"order_id":"{{orderId}}","customer":{"id":"c-1"},"ordered_at":"2025-03-01T10:00:00Z","total":"59.90","currency":"EUR","status":"paid"}
        """);

    [Fact]
    public async Task Serve_with_otlp_sends_a_deliverys_spans_and_metrics_to_the_collector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var added = await Run("shops", "add", "--shop", "otlp-shop", "--timezone", "Europe/Berlin", "--currency", "EUR");
        Assert.True(added.ExitCode == 0, added.Error);
        var secret = new Retention.Cli.Settings.LocalSettingsFile(SettingsPath).ReadValues()["Shops__otlp-shop__WebhookSecret"];
        var stderr = "";
        var serve = RetentionCli.Start("serve", "--port", "0", "--no-timer", "--otlp", collector.Endpoint.ToString(),
            "--storage", Storage.ConnectionString, "--settings", SettingsPath);
        await using (serve)
        {
            await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
            var address = new Uri(ListeningOn().Match(serve.Output).Groups[1].Value);
            using var http = new HttpClient { BaseAddress = address };
            var body = Order("otlp-1");
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/generic/otlp-shop") { Content = new ByteArrayContent(body) };
            request.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.IdHeader, "msg_otlp_1");
            request.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.SignatureHeader,
                Retention.Core.Webhooks.StandardWebhookSignature.Sign(secret, "msg_otlp_1", timestamp, body));
            using (var response = await http.SendAsync(request))
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            // And one refused (signed with another secret): its log line goes out too.
            using var forged = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/generic/otlp-shop") { Content = new ByteArrayContent(body) };
            forged.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.IdHeader, "msg_otlp_forged");
            forged.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            forged.Headers.Add(Retention.Core.Webhooks.StandardWebhookSignature.SignatureHeader,
                Retention.Core.Webhooks.StandardWebhookSignature.Sign("whsec_" + Convert.ToBase64String(new byte[32]), "msg_otlp_forged", timestamp, body));
            using (var response = await http.SendAsync(forged))
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            // Stored (the order's raw event and its row): the processing span has ended before the host is stopped.
            var orders = new Azure.Data.Tables.TableClient(Storage.ConnectionString, Retention.Pipeline.Storage.StorageNames.OrdersTable);
            var key = Retention.Pipeline.Storage.OrderTable.PartitionKey("otlp-shop", "otlp-1");
            for (var i = 0; i < 400 && !(await orders.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(key, "otlp-1")).HasValue; i++)
                await Task.Delay(50);

            // A graceful stop (SIGTERM, as the platform stops an instance) flushes what is still batched.
            using (var kill = Process.Start("kill", ["-TERM", serve.ProcessId.ToString(CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var exited = await serve.WaitForExitAsync(timeout.Token);
            Assert.True(exited.ExitCode == 0, exited.Error);
            stderr = exited.Error;
        }

        var exports = collector.Exports.ToList();
        Assert.All(exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        var traces = exports.Where(e => e.Path == "/v1/traces").ToList();
        foreach (var span in new[] { RetentionTracing.IntakeBatchWrite, "order-events process", RetentionTracing.OrdersWrite, "otlp-shop" })
            Assert.True(traces.Any(t => t.Mentions(span)), $"{span} not exported; got {string.Join(", ", exports.Select(e => $"{e.Path} {e.Body.Length}"))}; {stderr}");
        var metrics = exports.Where(e => e.Path == "/v1/metrics").ToList();
        foreach (var metric in new[] { RetentionMetrics.WebhookDeliveries, RetentionMetrics.WebhookAckDuration, RetentionMetrics.EventsProcessed, RetentionMetrics.QueueLag })
            Assert.True(metrics.Any(m => m.Mentions(metric)), $"{metric} not exported; got {string.Join(", ", exports.Select(e => $"{e.Path} {e.Body.Length}"))}; {stderr}");
        Assert.Contains(exports, e => e.Path == "/v1/logs" && e.Mentions("Signature not accepted") && e.Mentions("otlp-shop"));
    }

    [Fact]
    public async Task An_otlp_endpoint_that_is_not_an_http_address_is_one_line_and_exit_2()
    {
        var result = await Run("serve", "--port", "0", "--otlp", "collector:4318");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("retention: --otlp must be an http(s) address such as http://127.0.0.1:4318, not 'collector:4318'", result.Error.Trim());
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex ListeningOn();
}
