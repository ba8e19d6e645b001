using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Shopify;

/// <summary>
/// Shopify's <c>orders/delete</c> webhook carries only <c>{"id": N}</c>: the order is gone from the shop, so it is
/// deleted here too and later snapshots no longer count it. The body holds no personal data; it is archived as
/// <c>{"id":"N"}</c> under platform <c>shopify-deletion</c>, and the queue processor deletes the stored order.
/// </summary>
public static class ShopifyOrderDeletion
{
    public const string Topic = "orders/delete";
    public const string EventKind = "shopify-deletion";

    /// <summary>The record to archive for a delivery, or the body's problem.</summary>
    public static (byte[]? Archived, EventProblem? Problem) Prepare(ReadOnlyMemory<byte> body)
    {
        var (orderId, problem) = Read(body);
        return problem is not null ? (null, problem) : (JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["id"] = orderId! }), null);
    }

    /// <summary>The deleted order's id, from a delivery or its archived record (both are <c>{"id": …}</c>).</summary>
    public static (string? OrderId, EventProblem? Problem) Read(ReadOnlyMemory<byte> body) =>
        JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object such as {\"id\":450789469}");
            return JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
        });
}
