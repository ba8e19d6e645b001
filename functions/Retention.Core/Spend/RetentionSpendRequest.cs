using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Spend;

/// <summary>
/// Reads the body of <c>POST /api/spend/{shop}</c>: <c>{"month": "2025-03", "amount": "1200.00", "note": "win-back e-mails"}</c>,
/// with an optional <c>"channel": "google / cpc"</c> for acquisition spend (<see cref="SpendChannel"/>),
/// with the same front door (<see cref="JsonEventReader"/>: UTF-8 only, no duplicate field, no lone surrogate, depth 16)
/// and the same field readers (and so the same rules for money) as the order events.
/// </summary>
public static class RetentionSpendRequest
{
    public static (RetentionSpendEntry? Entry, EventProblem? Problem) Read(ReadOnlySpan<byte> body, string shopId, string entryId) =>
        // The events' front door, not a parse of its own: that one let invalid UTF-8 in field names and duplicate fields
        // through (which "amount" counts?), and a lone surrogate in "month" or "note" threw from GetString as a 500.
        JsonEventReader.Read(body.ToArray(), root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object");
            var monthText = JsonFields.String(JsonFields.Required(root, "month", "month"), "month", 7);
            if (!RetentionSpendEntry.TryParseMonth(monthText, out var month)) throw new EventFieldException("month", "must be a month as \"YYYY-MM\"");
            var amount = JsonFields.Amount(JsonFields.Required(root, "amount", "amount"), "amount");
            var note = JsonFields.Optional(root, "note") is { } n ? JsonFields.String(n, "note", 200) : null;
            string? channel = null;
            if (JsonFields.Optional(root, "channel") is { } c)
            {
                var (label, problem) = SpendChannel.Read(JsonFields.String(c, "channel", SpendChannel.MaxLength));
                channel = label ?? throw new EventFieldException("channel", problem!);
            }
            return new RetentionSpendEntry(shopId, month, amount, entryId, note, channel);
        });
}
