using System.Text.Json;
using Retention.Core.Orders;

namespace Retention.Core.Spend;

/// <summary>
/// Reads the body of <c>POST /api/spend/{shop}</c>: <c>{"month": "2025-03", "amount": "1200.00", "note": "win-back e-mails"}</c>,
/// with the same field readers (and so the same rules for money) as the order events.
/// </summary>
public static class RetentionSpendRequest
{
    public static (RetentionSpendEntry? Entry, EventProblem? Problem) Read(ReadOnlySpan<byte> body, string shopId, string entryId)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object");
            var monthText = JsonFields.String(JsonFields.Required(root, "month", "month"), "month", 7);
            if (!RetentionSpendEntry.TryParseMonth(monthText, out var month)) throw new EventFieldException("month", "must be a month as \"YYYY-MM\"");
            var amount = JsonFields.Amount(JsonFields.Required(root, "amount", "amount"), "amount");
            var note = JsonFields.Optional(root, "note") is { } n ? JsonFields.String(n, "note", 200) : null;
            return (new RetentionSpendEntry(shopId, month, amount, entryId, note), null);
        }
        catch (JsonException)
        {
            return (null, new EventProblem("$", "the body is not valid JSON"));
        }
        catch (EventFieldException e)
        {
            return (null, new EventProblem(e.Field, e.Message));
        }
    }
}
