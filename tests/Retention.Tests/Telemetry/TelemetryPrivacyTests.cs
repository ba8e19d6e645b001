using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Retention.Pipeline.Snapshots;
using Retention.Tests.Support;

namespace Retention.Tests.Telemetry;

/// <summary>
/// What leaves the process as telemetry names shops, events and orders, never a person: the reference WooCommerce order (a
/// real payload with a name, e-mail, phone and street address) is sent, refused once, stored and computed, and every log
/// record (from Debug up, with its attributes and scopes) and every span tag is searched for them.
/// </summary>
[Collection(SharedTelemetryHost.Name)]
public class TelemetryPrivacyTests(TelemetryPipelineHost host)
{
    private static readonly string[] PersonalFields = ["email", "first_name", "last_name", "address_1", "phone"];

    private static byte[] Order727 => File.ReadAllBytes(RepositoryRoot.Shared("reference", "webhooks", "woocommerce_order_727.json"));

    [Fact]
    public async Task Logs_and_spans_carry_shop_and_event_ids_and_none_of_the_fixtures_personal_data()
    {
        var credentials = await host.Pipeline.RegisterShopAsync("woo-telemetry", currency: "USD");
        var order = JsonNode.Parse(Order727)!.AsObject();
        var billing = order["billing"]!.AsObject();
        var personal = PersonalFields.Select(f => billing[f]!.GetValue<string>()).ToList();
        Assert.Equal(5, personal.Count(p => p.Length >= 3));

        string eventId;
        using (var accepted = await WooCommerceDelivery.PostAsync(host.Pipeline, "woo-telemetry", credentials.WebhookSecret, "order.created", Order727, "woo-delivery-1"))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            eventId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["eventId"]!.GetValue<string>();
        }
        // The same person in an order that is refused (no date).
        var broken = JsonNode.Parse(Order727)!.AsObject();
        broken.Remove("date_created_gmt");
        broken.Remove("date_created");
        var brokenBody = Encoding.UTF8.GetBytes(broken.ToJsonString());
        using (var refused = await WooCommerceDelivery.PostAsync(host.Pipeline, "woo-telemetry", credentials.WebhookSecret, "order.created", brokenBody, "woo-delivery-2"))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await host.Pipeline.DrainAsync();
        await host.Pipeline.Service<SnapshotService>().ComputeAsync("woo-telemetry", new DateOnly(2017, 6, 30), default);

        var logs = host.Telemetry.Logs;
        Assert.True(logs.Count > 5, $"only {logs.Count} log records");
        // Structured: the shop and the event as attributes of their own; the processing's records name the shop in their scope.
        Assert.Contains(logs, l => l.Contains("| Shop=woo-telemetry", StringComparison.Ordinal) && l.Contains($"| Event={eventId}", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("| Shop=woo-telemetry", StringComparison.Ordinal) && l.Contains("| Reason=Invalid event", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("scope Shop=woo-telemetry", StringComparison.Ordinal) && l.Contains("IntakeBatchStore", StringComparison.Ordinal));
        var spanText = host.Telemetry.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.StatusDescription ?? "")
            .Concat(s.Events.Select(e => e.Name))).ToList();
        foreach (var value in personal)
        {
            Assert.DoesNotContain(logs, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(spanText, t => t.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }
}
