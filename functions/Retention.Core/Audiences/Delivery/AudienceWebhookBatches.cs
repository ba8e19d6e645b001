using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Retention.Core.Customers;

namespace Retention.Core.Audiences.Delivery;

/// <summary>
/// Turns a night's entered and left into the webhooks of one subscription (<c>docs/audiences.md</c>, "The webhook"): per
/// audience it receives, the changes (treated members only, or control ones too flagged <c>"control": true</c> when it
/// asked), in batches of at most <see cref="MaxChanges"/> and <see cref="MaxBodyChars"/> characters. Nothing personal: a
/// member is their platform customer id, or a guest's salted e-mail hash.
/// </summary>
public static class AudienceWebhookBatches
{
    public const string EventType = "audience.changed";
    public const int MaxChanges = 100;

    /// <summary>Kept under Table storage's 64 KiB string property (32 K UTF-16 characters), where the outbox keeps the body.</summary>
    public const int MaxBodyChars = 30_000;

    public static IReadOnlyList<AudienceDelivery> For(AudienceSubscription subscription, AudienceNight night)
    {
        var deliveries = new List<AudienceDelivery>();
        foreach (var audience in night.Audiences)
        {
            if (!subscription.Receives(audience.Audience.Name)) continue;
            var changes = audience.Entered.Select(m => (Change: "entered", Member: m)).Concat(audience.Left.Select(m => (Change: "left", Member: m)))
                .Where(c => subscription.IncludeControl || c.Member.Arm == HoldoutArm.Treated)
                .Select(c => (c.Change, Json: Change(c.Change, c.Member))).ToList();
            var batches = new List<List<(string Change, string Json)>>();
            var size = 0;
            foreach (var change in changes)
            {
                if (batches.Count == 0 || batches[^1].Count == MaxChanges || size + change.Json.Length > MaxBodyChars - 400)
                {
                    batches.Add([]);
                    size = 0;
                }
                batches[^1].Add(change);
                size += change.Json.Length + 1;
            }
            for (var b = 0; b < batches.Count; b++)
            {
                var id = DeliveryId(subscription, audience.Audience.Name, night.AsOf, b + 1);
                var body = Body(subscription, audience.Audience.Name, night.AsOf, b + 1, batches.Count, batches[b].Select(c => c.Json));
                deliveries.Add(new AudienceDelivery(subscription.ShopId, subscription.Id, id, audience.Audience.Name, night.AsOf, b + 1, batches.Count,
                    batches[b].Count(c => c.Change == "entered"), batches[b].Count(c => c.Change == "left"), body));
            }
        }
        return deliveries;
    }

    /// <summary><c>msg_</c> and 32 hex digits of SHA-256 over what the delivery is: the same night's batch has the same id.</summary>
    public static string DeliveryId(AudienceSubscription subscription, string audience, DateOnly night, int batch)
    {
        var text = string.Join('\n', subscription.ShopId, subscription.Id, audience, Day(night), batch.ToString(CultureInfo.InvariantCulture));
        return "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private static string Body(AudienceSubscription subscription, string audience, DateOnly night, int batch, int batches, IEnumerable<string> changes)
    {
        var head = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["shop"] = subscription.ShopId,
            ["subscription"] = subscription.Id,
            ["audience"] = audience,
            ["night"] = Day(night),
            ["batch"] = batch,
            ["batches"] = batches,
        });
        // {"type":…,"data":{…the head…,"changes":[…]}}: the changes are already JSON, so they are joined, not serialized again.
        return "{\"type\":\"" + EventType + "\",\"data\":" + head[..^1] + ",\"changes\":[" + string.Join(',', changes) + "]}}";
    }

    private static string Change(string change, AudienceMember member)
    {
        var c = member.Customer;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["change"] = change,
            ["customer_id"] = CustomerKey.PlatformIdOf(member.CustomerKey),
            ["email_hash"] = CustomerKey.EmailHashOf(member.CustomerKey),
            ["control"] = member.Arm == HoldoutArm.Control,
            ["entered_on"] = Day(member.EnteredOn),
            ["churn_risk"] = c?.ChurnRisk,
            ["p_alive"] = c?.ProbabilityAlive is { } p ? Math.Round(p, 6) : null,
            ["historic_clv"] = c?.HistoricClv,
            ["predicted_clv"] = c?.PredictedClv is { } v ? Math.Round(v, 2) : null,
            ["days_since_last_order"] = c?.DaysSinceLastOrder,
            ["orders"] = c?.Orders,
            ["segment"] = c?.Segment,
        });
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
