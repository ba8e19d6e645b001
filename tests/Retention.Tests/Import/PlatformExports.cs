using System.Text;

namespace Retention.Tests.Import;

/// <summary>
/// The headers of the platform exports the import reads, column for column as the platforms write them, and
/// lines in their layout (the sources are listed in docs/import.md). Tests fill in only the columns they need.
/// </summary>
internal static class PlatformExports
{
    /// <summary>Shopify admin → Orders → Export: one line per line item, the order's columns on its first line only.</summary>
    public static readonly string[] ShopifyHeader =
    [
        "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal",
        "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity",
        "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
        "Lineitem fulfillment status", "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company",
        "Billing City", "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
        "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province",
        "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference",
        "Refunded Amount", "Vendor", "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source",
        "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name",
        "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name", "Shipping Province Name",
        "Payment ID", "Payment Terms Name", "Next Payment Due At", "Payment References",
    ];

    /// <summary>WooCommerce Customer / Order / Coupon Export, orders, "Default" format: one line per order.</summary>
    public static readonly string[] WooCommerceHeader =
    [
        "order_id", "order_number", "order_number_formatted", "date", "status", "shipping_total", "shipping_tax_total", "fee_total",
        "fee_tax_total", "tax_total", "discount_total", "order_total", "refunded_total", "order_currency", "payment_method",
        "shipping_method", "customer_id", "billing_first_name", "billing_last_name", "billing_company", "billing_email", "billing_phone",
        "billing_address_1", "billing_address_2", "billing_postcode", "billing_city", "billing_state", "billing_country",
        "shipping_first_name", "shipping_last_name", "shipping_address_1", "shipping_address_2", "shipping_postcode", "shipping_city",
        "shipping_state", "shipping_country", "shipping_company", "customer_note", "line_items", "shipping_items", "fee_items",
        "tax_items", "coupon_items", "refunds", "order_notes", "download_permissions_granted",
    ];

    /// <summary>The same extension's "Default - One Row per Item" format: the order's columns repeated on each line item's line.</summary>
    public static readonly string[] WooCommerceOneRowPerItemHeader =
    [
        "order_id", "order_number", "date", "status", "shipping_total", "shipping_tax_total", "fee_total", "fee_tax_total", "tax_total",
        "discount_total", "order_total", "refunded_total", "order_currency", "payment_method", "shipping_method", "customer_id",
        "billing_first_name", "billing_last_name", "billing_company", "billing_email", "billing_phone", "billing_address_1",
        "billing_address_2", "billing_postcode", "billing_city", "billing_state", "billing_country", "shipping_first_name",
        "shipping_last_name", "shipping_address_1", "shipping_address_2", "shipping_postcode", "shipping_city", "shipping_state",
        "shipping_country", "shipping_company", "customer_note", "item_id", "item_product_id", "item_name", "item_sku", "item_quantity",
        "item_subtotal", "item_subtotal_tax", "item_total", "item_total_tax", "item_refunded", "item_refunded_qty", "item_meta",
        "shipping_items", "fee_items", "tax_items", "coupon_items", "order_notes", "download_permissions_granted",
    ];

    /// <summary>One line: the given columns' values, every other column empty, quoted where CSV needs it.</summary>
    public static string Line(string[] header, Dictionary<string, string> values)
    {
        foreach (var name in values.Keys)
            if (!header.Contains(name)) throw new ArgumentException($"the export has no column '{name}'");
        return string.Join(',', header.Select(name => Quote(values.GetValueOrDefault(name, ""))));
    }

    /// <summary>A whole file: the header, then each line, ended as the platforms end them (CRLF).</summary>
    public static string File(string[] header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var line in lines) text.Append(line).Append("\r\n");
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
