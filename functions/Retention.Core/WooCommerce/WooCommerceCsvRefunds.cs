namespace Retention.Core.WooCommerce;

/// <summary>One refund as the <c>refunds</c> column of WooCommerce's order export lists it.</summary>
/// <param name="Date">the store's local time, as the export writes it; null when the item has none.</param>
public sealed record WooCommerceCsvRefund(string Id, string? Date, string Amount);

/// <summary>
/// The <c>refunds</c> column of the Customer / Order / Coupon Export's default order format:
/// <c>id:726|date:2017-03-22 16\:30\:00|amount:10.00|reason:…</c>, in the notation of <see cref="WooCommerceCsvItems"/>.
/// The reason is free text typed by staff and is never kept.
/// </summary>
public static class WooCommerceCsvRefunds
{
    private static readonly string[] Kept = ["id", "date", "amount"];

    /// <returns>the refunds, or null when the text is not such a list (an item without an id or an amount).</returns>
    public static IReadOnlyList<WooCommerceCsvRefund>? TryParse(string cell)
    {
        if (WooCommerceCsvItems.TryParse(cell) is not { } items) return null;
        var refunds = new List<WooCommerceCsvRefund>();
        foreach (var properties in items)
        {
            if (!properties.TryGetValue("id", out var id) || id.Length == 0
                || !properties.TryGetValue("amount", out var amount) || amount.Length == 0) return null;
            refunds.Add(new WooCommerceCsvRefund(id, properties.TryGetValue("date", out var date) && date.Length > 0 ? date : null, amount));
        }
        return refunds;
    }

    /// <summary>The list again, in the export's own notation, without the reasons.</summary>
    public static string Format(IEnumerable<WooCommerceCsvRefund> refunds) => WooCommerceCsvItems.Format(
        refunds.Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["id"] = r.Id, ["amount"] = r.Amount, ["date"] = r.Date ?? "",
        }.Where(p => p.Key != "date" || r.Date is not null).ToDictionary()), Kept);
}
