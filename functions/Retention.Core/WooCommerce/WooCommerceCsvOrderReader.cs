using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Import;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Reads the order export of WooCommerce's Customer / Order / Coupon Export (<c>woocommerce-csv</c>,
/// <c>docs/import.md</c>): each order, with all its line items, coupon codes and countries, becomes the REST v3 order
/// a WooCommerce webhook would carry and goes through
/// <see cref="WooCommerceOrderNormalizer"/>, so a registered customer is keyed by <c>customer_id</c> and a guest by
/// the salted hash of <c>billing_email</c>, exactly as the webhooks key them.
/// </summary>
/// <remarks>
/// The export's dates are the store's local time without an offset, read in the shop's time zone. It has no
/// modification date: the version's <c>date_modified_gmt</c>, which the webhook normalizer dates refunds and
/// cancellations at, is the latest date the line shows (the order's date or its last refund's).
/// </remarks>
public sealed class WooCommerceCsvOrderReader : PlatformCsvOrderReader<WooCommerceCsvColumns>
{
    public const string Format = WooCommerceCsvColumns.Format;

    /// <summary>The id of the refund an order gets when the export lists no refunds but a <c>refunded_total</c>.</summary>
    public const string RefundedTotalId = "export-refunded-total";

    private WooCommerceCsvOrderReader(IEnumerator<CsvRecord> records, WooCommerceCsvColumns columns, ShopContext shop, TimeZoneInfo timeZone,
        string source) : base(records, columns, shop, timeZone, source)
    {
    }

    /// <param name="text">the file, from its first byte.</param>
    /// <param name="timeZone">the shop's, which must be the store's (WordPress → Settings → General → Timezone).</param>
    /// <param name="source">names the file in each order's <c>SourceEventId</c> (<c>{source}#L{line}</c>).</param>
    /// <exception cref="InvalidDataException">the file has no readable header of the format.</exception>
    public static WooCommerceCsvOrderReader Open(TextReader text, ShopContext shop, TimeZoneInfo timeZone, string source)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        return new WooCommerceCsvOrderReader(records, WooCommerceCsvColumns.FromHeader(header), shop, timeZone, source);
    }

    /// <summary>The orders in the file (further lines of one order are not counted); checks the header first.</summary>
    public static long CountRows(TextReader text, CancellationToken cancellationToken)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        return ExportCsvFile.Count(records, WooCommerceCsvColumns.FromHeader(header), cancellationToken);
    }

    /// <summary>What is archived of the file: see <see cref="ExportCsvFile.WriteArchiveCopy"/>.</summary>
    public static void WriteArchiveCopy(TextReader text, TextWriter copy, ShopContext shop)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        ExportCsvFile.WriteArchiveCopy(records, WooCommerceCsvColumns.FromHeader(header), shop.CustomerIdSalt, copy);
    }

    protected override string OrderIdName => "order_id";

    protected override OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId) =>
        WooCommerceOrderNormalizer.Normalize(body, shop, sourceEventId);

    protected override string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values) => WriteEvent(json, values, []);

    /// <param name="following">in the "One Row per Item" format, the order's further line items.</param>
    protected override string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values, IReadOnlyList<CsvRecord> following)
    {
        var c = Columns;
        string Value(int? column) => Unformula(Cell(values, column));

        DateTimeOffset? orderedAt = null;
        if (ReadTime(c.DateName, Value(c.Date), ref orderedAt) is { } badDate) return badDate;

        var refundsCell = Value(c.Refunds);
        var refunds = WooCommerceCsvRefunds.TryParse(refundsCell);
        if (refunds is null)
            return $"refunds: '{Shorten(refundsCell)}' is not the export's list of refunds (id:…|date:…|amount:…, separated by ;)";
        var latest = orderedAt;
        foreach (var refund in refunds)
        {
            DateTimeOffset? refundedAt = null;
            if (ReadTime($"refunds (refund {refund.Id})", refund.Date ?? "", ref refundedAt) is { } badRefundDate) return badRefundDate;
            if (refundedAt > latest) latest = refundedAt;
        }
        var refundedTotal = Value(c.RefundedTotal);
        if (refunds.Count > 0 && refundedTotal.Length > 0 && Sum(refunds) is { } listed && Amount(refundedTotal) is { } total && listed != total)
            return $"refunds: the refunds listed add up to {listed.ToString(CultureInfo.InvariantCulture)}, " +
                   $"but refunded_total is {total.ToString(CultureInfo.InvariantCulture)}";

        IReadOnlyList<IReadOnlyDictionary<string, string>> lines;
        if (c.OneRowPerItem)
            lines = [.. new[] { values }.Concat(following.Select(record => record.Values)).Select(line => c.Items.ToDictionary(item => item.Key["item_".Length..], item => Unformula(Cell(line, item.Value))))];
        else if (WooCommerceCsvItems.TryParse(Value(c.LineItems)) is { } itemList)
            lines = itemList;
        else
            return $"line_items: '{Shorten(Value(c.LineItems))}' is not the export's list of line items (id:…|name:…|product_id:…|quantity:…, separated by ;)";
        if (WooCommerceCsvItems.TryParse(Value(c.CouponItems)) is not { } coupons)
            return $"{c.CouponItemsName}: '{Shorten(Value(c.CouponItems))}' is not the export's list of coupons (id:…|code:…|amount:…, separated by ;)";

        json.WriteStartObject();
        WriteIfAny(json, "id", Value(c.Id));
        WriteIfAny(json, "customer_id", Value(c.CustomerId));
        var email = Value(c.BillingEmail);
        var hash = Value(c.BillingEmailHash);
        var billingCountry = Value(c.BillingCountry);
        if (email.Length > 0 || hash.Length > 0 || billingCountry.Length > 0)
        {
            json.WriteStartObject("billing");
            WriteIfAny(json, "email", email);
            WriteIfAny(json, "email_hash", hash);
            WriteIfAny(json, "country", billingCountry);
            json.WriteEndObject();
        }
        if (Value(c.ShippingCountry) is { Length: > 0 } shippingCountry)
        {
            json.WriteStartObject("shipping");
            json.WriteString("country", shippingCountry);
            json.WriteEndObject();
        }
        WriteLines(json, lines);
        json.WriteStartArray("coupon_lines");
        foreach (var coupon in coupons)
        {
            json.WriteStartObject();
            json.WriteString("code", coupon.GetValueOrDefault("code", ""));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (orderedAt is { } ordered)
        {
            json.WriteString("date_created_gmt", ExportTime.ToRfc3339(ordered.ToUniversalTime()));
            json.WriteString("date_modified_gmt", ExportTime.ToRfc3339(latest!.Value.ToUniversalTime()));
        }
        WriteIfAny(json, "currency", Value(c.Currency));
        WriteIfAny(json, "total", Value(c.Total));
        WriteIfAny(json, "status", Value(c.Status));
        json.WriteStartArray("refunds");
        foreach (var refund in refunds)
        {
            json.WriteStartObject();
            json.WriteString("id", refund.Id);
            json.WriteString("total", refund.Amount);
            json.WriteEndObject();
        }
        if (refunds.Count == 0 && Amount(refundedTotal) > 0)
        {
            json.WriteStartObject();
            json.WriteString("id", RefundedTotalId);
            json.WriteString("total", refundedTotal);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    /// <summary>
    /// The export's line items as the webhook's <c>line_items[]</c>, each field as the export writes it (the normalizer
    /// reads and checks them). The extension writes product id 0 and SKU <c>unknown_product</c> for a product deleted
    /// since: a custom item without a SKU, as the webhook would give it.
    /// </summary>
    private static void WriteLines(Utf8JsonWriter json, IReadOnlyList<IReadOnlyDictionary<string, string>> lines)
    {
        json.WriteStartArray("line_items");
        foreach (var line in lines)
        {
            json.WriteStartObject();
            foreach (var key in WooCommerceCsvColumns.LineItemKeys)
                if (line.GetValueOrDefault(key) is { Length: > 0 } value && !(key == "sku" && value == UnknownProductSku))
                    json.WriteString(key, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The SKU the extension writes for a line whose product no longer exists.</summary>
    public const string UnknownProductSku = "unknown_product";

    protected override string InColumnTerms(EventProblem problem) => problem.Field switch
    {
        "id" => "order_id: " + problem.Message,
        "customer_id" when problem.Message.StartsWith("is 0", StringComparison.Ordinal) =>
            "customer_id is 0 (a guest) and billing_email is empty: the order has no customer",
        "customer_id" => "customer_id: " + problem.Message,
        "billing" or "billing.email" => "billing_email: " + problem.Message,
        "billing.email_hash" => WooCommerceCsvColumns.EmailHashHeader + ": " + problem.Message,
        "date_created_gmt" => Columns.DateName + ": " + problem.Message,
        "date_modified_gmt" => "refunds: a refund's date " + problem.Message,
        "currency" => "order_currency: " + problem.Message,
        "total" => "order_total: " + problem.Message,
        "status" => "status: " + problem.Message,
        var field when field.StartsWith("refunds", StringComparison.Ordinal) => "refunds: " + problem.Message.Replace("order's total", "order's order_total"),
        "shipping.country" => "shipping_country: " + problem.Message,
        "billing.country" => "billing_country: " + problem.Message,
        "line_items" => (Columns.OneRowPerItem ? "the order's item lines: " : "line_items: ") + problem.Message,
        var field when field.StartsWith("line_items[", StringComparison.Ordinal) => LineInColumnTerms(field, problem.Message),
        var field when field.StartsWith("coupon_lines", StringComparison.Ordinal) => Columns.CouponItemsName + ": " + problem.Message,
        "$" => problem.Message,
        _ => problem.ToString(),
    };

    /// <summary><c>line_items[2].quantity</c> as <c>item_quantity of the order's item 3</c>, or <c>line_items (item 3): quantity</c>.</summary>
    private string LineInColumnTerms(string field, string message)
    {
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var item = int.Parse(field["line_items[".Length..close], CultureInfo.InvariantCulture) + 1;
        var name = close + 2 <= field.Length ? field[(close + 2)..] : "";
        var number = item.ToString(CultureInfo.InvariantCulture);
        return Columns.OneRowPerItem
            ? $"{(name.Length > 0 ? "item_" + name : "item")} of the order's item {number}: {message}"
            : $"line_items (item {number}){(name.Length > 0 ? " " + name : "")}: {message}";
    }

    /// <summary>
    /// The extension writes a value that starts with =, +, - or @ after an apostrophe, so that a spreadsheet does not
    /// run it as a formula; the value is what follows.
    /// </summary>
    private static string Unformula(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;

    private static decimal? Amount(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            ? Math.Abs(amount)
            : null;

    private static decimal? Sum(IEnumerable<WooCommerceCsvRefund> refunds)
    {
        var sum = 0m;
        foreach (var refund in refunds)
        {
            if (Amount(refund.Amount) is not { } amount) return null;
            sum += amount;
        }
        return sum;
    }
}
