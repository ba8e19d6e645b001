using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Events;

namespace Retention.Core.Shopify;

/// <summary>
/// Reads the bodies of Shopify's compliance webhooks (documented shapes):
/// <code>
/// customers/data_request  {"shop_id", "shop_domain", "orders_requested": [ids], "customer": {"id", "email", "phone"}, "data_request": {"id"}}
/// customers/redact        {"shop_id", "shop_domain", "customer": {"id", "email", "phone"}, "orders_to_redact": [ids]}
/// shop/redact             {"shop_id", "shop_domain"}
/// </code>
/// The customer needs an id or an e-mail (Shopify sends some customers with an e-mail only). The e-mail is hashed
/// with the shop's salt exactly as an order's guest e-mail is, so it finds the same rows; the phone is never read,
/// because nothing here stores phones. The archived copy (<see cref="Prepare"/>) keeps the same field names with
/// <c>customer.email_hash</c> in place of the address, plus the topic, and <see cref="ReadArchived"/> reads it back.
/// </summary>
public static class ShopifyPrivacyRequestReader
{
    /// <summary>More order ids than any customer has; a bound so a body cannot make the processor's work unbounded.</summary>
    public const int MaxOrderIds = 10_000;

    /// <returns>the request and the copy to archive, or the body's first problem.</returns>
    public static (ShopifyPrivacyRequest? Request, byte[]? Archived, EventProblem? Problem) Prepare(string topic, ReadOnlyMemory<byte> body, string salt)
    {
        if (!ShopifyPrivacyTopics.All.Contains(topic)) throw new ArgumentException($"'{topic}' is not a compliance topic", nameof(topic));
        var (request, problem) = JsonEventReader.Read(body, root => Read(topic, root, salt));
        return request is null ? (null, null, problem) : (request, Archive(request), null);
    }

    /// <summary>Reads an archived copy written by <see cref="Prepare"/>.</summary>
    public static (ShopifyPrivacyRequest? Request, EventProblem? Problem) ReadArchived(ReadOnlyMemory<byte> archived) =>
        JsonEventReader.Read(archived, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "must be a JSON object");
            var topic = JsonFields.String(JsonFields.Required(root, "topic", "topic"), "topic", 64);
            if (!ShopifyPrivacyTopics.All.Contains(topic)) throw new EventFieldException("topic", "is not a compliance topic");
            // The archive holds no e-mail, so no salt is needed to read it.
            return Read(topic, root, salt: "");
        });

    private static ShopifyPrivacyRequest Read(string topic, JsonElement root, string salt)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", $"the body must be a JSON object (a {topic} request)");
        var shopId = JsonFields.Optional(root, "shop_id") is { } s ? JsonFields.Identifier(s, "shop_id") : null;
        var domain = JsonFields.Optional(root, "shop_domain") is { } d ? JsonFields.String(d, "shop_domain") : null;
        if (topic == ShopifyPrivacyTopics.ShopRedact) return new ShopifyPrivacyRequest(topic, shopId, domain, null, null, [], null);

        var customer = JsonFields.Required(root, "customer", "customer");
        if (customer.ValueKind != JsonValueKind.Object) throw new EventFieldException("customer", "must be an object");
        var customerId = JsonFields.Optional(customer, "id") is { } id ? JsonFields.Identifier(id, "customer.id") : null;
        var emailHash = EmailHash(customer, salt);
        if (customerId is null && emailHash is null) throw new EventFieldException("customer", "needs an id or an email");

        var ordersField = topic == ShopifyPrivacyTopics.DataRequest ? "orders_requested" : "orders_to_redact";
        var orders = OrderIds(root, ordersField);
        string? dataRequestId = null;
        if (topic == ShopifyPrivacyTopics.DataRequest && JsonFields.Optional(root, "data_request") is { } request)
        {
            if (request.ValueKind != JsonValueKind.Object) throw new EventFieldException("data_request", "must be an object");
            dataRequestId = JsonFields.Optional(request, "id") is { } r ? JsonFields.Identifier(r, "data_request.id") : null;
        }
        return new ShopifyPrivacyRequest(topic, shopId, domain, customerId, emailHash, orders, dataRequestId);
    }

    /// <summary><c>customer.email</c> hashed with the shop's salt, or the archived <c>customer.email_hash</c>.</summary>
    private static string? EmailHash(JsonElement customer, string salt)
    {
        if (JsonFields.Optional(customer, "email") is { } email
            && !(email.ValueKind == JsonValueKind.String && email.GetString()!.Trim().Length == 0))
        {
            var address = JsonFields.String(email, "customer.email", 320);
            if (!address.Contains('@')) throw new EventFieldException("customer.email", "must be an e-mail address");
            return CustomerKey.FromEmail(address, salt)[CustomerKeyPrefixes.Email.Length..];
        }
        if (JsonFields.Optional(customer, "email_hash") is not { } hash) return null;
        return CustomerKey.FromEmailHash(JsonFields.String(hash, "customer.email_hash", 64))?[CustomerKeyPrefixes.Email.Length..]
            ?? throw new EventFieldException("customer.email_hash", "must be 64 lowercase hex digits");
    }

    private static IReadOnlyList<string> OrderIds(JsonElement root, string field)
    {
        if (JsonFields.Optional(root, field) is not { } array) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new EventFieldException(field, "must be an array of order ids");
        if (array.GetArrayLength() > MaxOrderIds) throw new EventFieldException(field, $"must list at most {MaxOrderIds} orders");
        var ids = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray()) ids.Add(JsonFields.Identifier(item, $"{field}[{index++}]"));
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    private static byte[] Archive(ShopifyPrivacyRequest request)
    {
        var kept = new JsonObject { ["topic"] = request.Topic };
        if (request.ShopifyShopId is { } shopId) kept["shop_id"] = shopId;
        if (request.ShopDomain is { } domain) kept["shop_domain"] = domain;
        if (request.Topic != ShopifyPrivacyTopics.ShopRedact)
        {
            var customer = new JsonObject();
            if (request.CustomerId is { } id) customer["id"] = id;
            if (request.EmailHash is { } hash) customer["email_hash"] = hash;
            kept["customer"] = customer;
            var field = request.Topic == ShopifyPrivacyTopics.DataRequest ? "orders_requested" : "orders_to_redact";
            kept[field] = new JsonArray([.. request.OrderIds.Select(o => (JsonNode)JsonValue.Create(o))]);
            if (request.DataRequestId is { } requestId) kept["data_request"] = new JsonObject { ["id"] = requestId };
        }
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
