using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// WooCommerce's <c>order.deleted</c> webhook (sent when an order is trashed or deleted) carries only
/// <c>{"id":727}</c>. It is kept as a small record of its own, <c>{"id":"727","deleted_at":"…Z"}</c>, dated at the
/// time the delivery was received (WooCommerce sends no time), under platform <c>woocommerce-deletion</c>; the
/// queue processor turns it into a cancelled version of the stored order (<see cref="Apply"/>).
/// </summary>
public static class WooCommerceOrderDeletion
{
    public const string EventKind = "woocommerce-deletion";

    public sealed record Deletion(string OrderId, DateTimeOffset DeletedAt);

    /// <summary>The record to archive for a delivery received at <paramref name="receivedAt"/>, or the body's problem.</summary>
    public static (byte[]? Archived, EventProblem? Problem) Prepare(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var (orderId, problem) = JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object such as {\"id\":727}");
            return JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
        });
        if (problem is not null) return (null, problem);
        var record = new Dictionary<string, string>
        {
            ["id"] = orderId!,
            ["deleted_at"] = receivedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        };
        return (JsonSerializer.SerializeToUtf8Bytes(record), null);
    }

    /// <summary>Reads an archived deletion record.</summary>
    public static (Deletion? Deletion, EventProblem? Problem) Read(ReadOnlyMemory<byte> archived) =>
        JsonEventReader.Read(archived, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "must be a JSON object");
            return new Deletion(JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id"),
                JsonFields.Timestamp(JsonFields.Required(root, "deleted_at", "deleted_at"), "deleted_at"));
        });

    /// <summary>
    /// The cancelled version of <paramref name="stored"/>, or null when the stored version is already as new as the
    /// deletion (a later update or restore wins, as any later version does).
    /// </summary>
    public static NormalizedOrder? Apply(NormalizedOrder stored, Deletion deletion, string sourceEventId) =>
        stored.UpdatedAt >= deletion.DeletedAt
            ? null
            : stored with
            {
                Status = OrderStatus.Cancelled,
                CancelledAt = deletion.DeletedAt,
                UpdatedAt = deletion.DeletedAt,
                SourceEventId = sourceEventId,
            };
}
