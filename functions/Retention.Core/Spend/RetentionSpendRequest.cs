using System.Globalization;
using System.Text.Json;
using Retention.Core.Orders;

namespace Retention.Core.Spend;

/// <summary>
/// Reads the body of <c>POST /api/spend/{shop}</c>: <c>{"month": "2025-03", "amount": "1200.00", "note": "win-back e-mails"}</c>.
/// </summary>
public static class RetentionSpendRequest
{
    public static (RetentionSpendEntry? Entry, EventProblem? Problem) Read(ReadOnlySpan<byte> body, string shopId, string entryId)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, new EventProblem("$", "the body must be a JSON object"));
            if (!root.TryGetProperty("month", out var month) || month.ValueKind != JsonValueKind.String
                || !RetentionSpendEntry.TryParseMonth(month.GetString(), out var first))
                return (null, new EventProblem("month", "must be a month as \"YYYY-MM\""));
            if (!root.TryGetProperty("amount", out var amountElement) || !TryAmount(amountElement, out var amount))
                return (null, new EventProblem("amount", "must be a decimal amount such as \"1200.00\""));
            if (RetentionSpendEntry.ValidateAmount(amount) is { } problem) return (null, new EventProblem("amount", problem));
            string? note = null;
            if (root.TryGetProperty("note", out var noteElement) && noteElement.ValueKind != JsonValueKind.Null)
            {
                if (noteElement.ValueKind != JsonValueKind.String || noteElement.GetString()!.Length > 200)
                    return (null, new EventProblem("note", "must be a string of at most 200 characters"));
                note = noteElement.GetString();
            }
            return (new RetentionSpendEntry(shopId, first, amount, entryId, note), null);
        }
        catch (JsonException)
        {
            return (null, new EventProblem("$", "the body is not valid JSON"));
        }
    }

    private static bool TryAmount(JsonElement element, out decimal amount)
    {
        amount = 0;
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
        return text is { Length: <= 32 } && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out amount);
    }
}
