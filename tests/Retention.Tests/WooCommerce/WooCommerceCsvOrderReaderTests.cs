using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using static Retention.Tests.Import.PlatformExports;
using Retention.Core.Import;
using Retention.Core.WooCommerce;
using Retention.Tests.Import;

namespace Retention.Tests.WooCommerce;

/// <summary>
/// The order export of WooCommerce's Customer / Order / Coupon Export read line by line (no storage): each order
/// normalizes as the same order sent by WooCommerce's webhook does, bar the modification date the export lacks.
/// </summary>
public class WooCommerceCsvOrderReaderTests
{
    private const string Salt = "salt-for-tests";
    private static readonly ShopContext Shop = new("woo-shop", "USD", Salt);

    /// <summary>The reference order was made at 16:28:02 store time, 19:28:02 GMT: a store three hours behind UTC.</summary>
    private static readonly TimeZoneInfo Store = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    private static List<CsvOrderRow> Read(string file) =>
        [.. WooCommerceCsvOrderReader.Open(new StringReader(file), Shop, Store, "import/test.csv").ReadRows()];

    private static NormalizedOrder Webhook(byte[] body)
    {
        var result = WooCommerceOrderNormalizer.Normalize(body, Shop, "webhook");
        Assert.True(result.Problem is null, result.Problem?.ToString());
        return result.Order!;
    }

    private static byte[] ReferenceWebhook(Action<JsonObject>? change = null)
    {
        var order = JsonNode.Parse(WooCommerceReference.OrderBody())!.AsObject();
        change?.Invoke(order);
        return JsonSerializer.SerializeToUtf8Bytes(order);
    }

    /// <summary>Order 727 of the shared reference (woocommerce_order_727.json) as the export's default format writes it.</summary>
    private static Dictionary<string, string> ReferenceLine(params (string Column, string Value)[] more)
    {
        var line = new Dictionary<string, string>
        {
            ["order_id"] = "727", ["date"] = "2017-03-22 16:28:02", ["status"] = "processing", ["shipping_total"] = "10.00",
            ["shipping_tax_total"] = "0.00", ["fee_total"] = "0.00", ["fee_tax_total"] = "0.00", ["tax_total"] = "1.35",
            ["discount_total"] = "0.00", ["order_total"] = "29.35", ["refunded_total"] = "0.00", ["order_currency"] = "USD",
            ["payment_method"] = "bacs", ["shipping_method"] = "Flat Rate", ["customer_id"] = "0", ["billing_first_name"] = "John",
            ["billing_last_name"] = "Doe", ["billing_email"] = "john.doe@example.com", ["billing_phone"] = "(555) 555-5555",
            ["billing_address_1"] = "969 Market", ["billing_postcode"] = "94103", ["billing_city"] = "San Francisco",
            ["billing_state"] = "CA", ["billing_country"] = "US", ["shipping_first_name"] = "John", ["shipping_last_name"] = "Doe",
            ["shipping_address_1"] = "969 Market", ["shipping_postcode"] = "94103", ["shipping_city"] = "San Francisco",
            ["shipping_state"] = "CA", ["shipping_country"] = "US",
            ["line_items"] = "id:315|name:Woo Single #1|product_id:93|sku:|quantity:2|subtotal:6.00|subtotal_tax:0.45|total:6.00|total_tax:0.45|refunded:0.00|refunded_qty:0|meta:;" +
                             "id:316|name:Ship Your Idea – Color: Black, Size: M Test|product_id:23|sku:Bar3|quantity:1|subtotal:12.00|subtotal_tax:0.90|total:12.00|total_tax:0.90|refunded:0.00|refunded_qty:0|meta:pa_color=black,size=M Test",
            ["shipping_items"] = "id:317|method_id:flat_rate|method_title:Flat Rate|total:10.00",
            ["tax_items"] = "id:318|rate_id:75|code:US-CA-STATE TAX-1|title:State Tax|total:1.35|compound:",
            ["order_notes"] = "Payment to be made upon delivery.|Order status changed from Pending payment to Processing.",
            ["download_permissions_granted"] = "1",
        };
        foreach (var (column, value) in more) line[column] = value;
        return line;
    }

    private static string Compared(NormalizedOrder order) => ImportWorkspace.Describe(order with { SourceEventId = "" });

    [Fact]
    public void The_export_of_the_reference_order_normalizes_to_the_order_its_webhook_gives_but_for_the_modification_date()
    {
        var row = Assert.Single(Read(File(WooCommerceHeader, [Line(WooCommerceHeader, ReferenceLine())])));
        var sent = Webhook(ReferenceWebhook());

        var imported = row.Order!;
        Assert.Equal(Compared(sent with { UpdatedAt = sent.OrderedAt }), Compared(imported));
        // Its line_items, coupon and countries too. The export has no created_via nor attribution, so no channel; and it
        // names a variation's line by the variation (the extension writes the id of the line's product object, which
        // for product 22's variation 23 is 23), where the webhook gives product 22, variation 23.
        var variation = sent.Lines[1] with { ProductId = "23", VariantId = null };
        Assert.Equal(WooCommerceReference.Described(sent with
            {
                UpdatedAt = sent.OrderedAt, Channel = OrderChannel.Unknown, SourceEventId = imported.SourceEventId, Lines = [sent.Lines[0], variation],
            }),
            WooCommerceReference.Described(imported));
        Assert.Equal(2, imported.Lines.Count);
        Assert.Equal("US", imported.Country);
        // Read by hand: a guest keyed by the salted billing e-mail, 19:28:02 GMT, 29.35 USD, processing = paid.
        Assert.Equal((CustomerKey.FromEmail("john.doe@example.com", Salt), DateTimeOffset.Parse("2017-03-22T19:28:02Z", CultureInfo.InvariantCulture), 29.35m, OrderStatus.Paid),
            (imported.CustomerKey, imported.OrderedAt, imported.Total, imported.Status));
        // The export has no date_modified: the version is dated at the order's date, before any webhook's.
        Assert.Equal(imported.OrderedAt, imported.UpdatedAt);
        Assert.True(imported.UpdatedAt < sent.UpdatedAt);
        Assert.Equal(("woocommerce", "import/test.csv#L2"), (imported.Platform, imported.SourceEventId));
    }

    [Fact]
    public void A_registered_customer_is_keyed_by_customer_id_exactly_as_the_webhook_keys_them()
    {
        var imported = Assert.Single(Read(File(WooCommerceHeader, [Line(WooCommerceHeader, ReferenceLine(("customer_id", "12")))]))).Order!;

        Assert.Equal("c:12", imported.CustomerKey);
        Assert.Equal(Webhook(ReferenceWebhook(o => o["customer_id"] = 12)).CustomerKey, imported.CustomerKey);
    }

    [Fact]
    public void Refunds_come_from_the_refunds_column_with_their_ids_and_the_version_is_dated_at_the_last_of_them()
    {
        var line = ReferenceLine(("status", "completed"), ("refunded_total", "15.00"),
            ("refunds", @"id:801|date:2017-03-25 10\:00\:00|amount:10.00|reason:Too small\; sorry\: John;id:802|date:2017-03-26 09\:30\:00|amount:5.00|reason:"));

        var imported = Assert.Single(Read(File(WooCommerceHeader, [Line(WooCommerceHeader, line)]))).Order!;

        var sent = Webhook(ReferenceWebhook(o =>
        {
            o["status"] = "completed";
            o["date_modified_gmt"] = "2017-03-26T12:30:00";
            o["refunds"] = new JsonArray(new JsonObject { ["id"] = 801, ["reason"] = "Too small", ["total"] = "-10.00" },
                new JsonObject { ["id"] = 802, ["reason"] = "", ["total"] = "-5.00" });
        }));
        Assert.Equal(Compared(sent), Compared(imported));
        var lastRefund = DateTimeOffset.Parse("2017-03-26T12:30:00Z", CultureInfo.InvariantCulture);
        Assert.Equal([new OrderRefund("801", 10m, lastRefund), new OrderRefund("802", 5m, lastRefund)], imported.Refunds);
        Assert.Equal((OrderStatus.Fulfilled, lastRefund), (imported.Status, imported.UpdatedAt));
    }

    /// <summary>A line of the "One Row per Item" format: the order's columns, its buyer's address, and one item.</summary>
    private static Dictionary<string, string> ItemLine(string orderId, string productId, string name, string quantity, string total,
        string status = "refunded", string refunded = "40.00", string sku = "", string tax = "0.00") => new()
    {
        ["order_id"] = orderId, ["date"] = "2025-03-01 10:00:00", ["status"] = status, ["order_total"] = "40.00",
        ["refunded_total"] = refunded, ["order_currency"] = "USD", ["customer_id"] = "7", ["billing_email"] = "ann@example.com",
        ["billing_first_name"] = "Ann", ["billing_last_name"] = "Lee", ["billing_address_1"] = "1 Elm Street", ["billing_city"] = "Springfield",
        ["billing_postcode"] = "01101", ["billing_phone"] = "+1 413 555 0199", ["billing_country"] = "US", ["shipping_first_name"] = "Ann",
        ["shipping_address_1"] = "1 Elm Street", ["shipping_city"] = "Springfield", ["shipping_postcode"] = "01101", ["shipping_country"] = "CA",
        ["item_id"] = "1" + productId, ["item_product_id"] = productId, ["item_name"] = name, ["item_sku"] = sku, ["item_quantity"] = quantity,
        ["item_subtotal"] = total, ["item_total"] = total, ["item_total_tax"] = tax, ["item_refunded"] = "0.00", ["item_refunded_qty"] = "0",
        ["item_meta"] = "Engraving=For Ann", ["coupon_items"] = "id:55|code:SPRING|amount:5.00|description:Spring for Ann;id:56|code:ship0|amount:0.00|description:",
    };

    private static readonly string OneRowPerItemFile = File(WooCommerceOneRowPerItemHeader,
    [
        Line(WooCommerceOneRowPerItemHeader, ItemLine("900", "31", "Mug", "2", "16.00", sku: "MUG-1", tax: "1.60")),   // 2
        Line(WooCommerceOneRowPerItemHeader, ItemLine("900", "32", "Bowl", "1", "12.00")),                              // 3
        Line(WooCommerceOneRowPerItemHeader, ItemLine("900", "0", "Gift wrap", "1", "4.40", sku: "unknown_product")),  // 4
        Line(WooCommerceOneRowPerItemHeader, ItemLine("901", "33", "Plate", "4", "40.00", "cancelled", "0.00")),       // 5
    ]);

    [Fact]
    public void The_one_row_per_item_format_gives_one_order_per_order_id_with_every_item_line()
    {
        var rows = Read(OneRowPerItemFile);

        Assert.Equal([(0L, 2L), (1L, 5L)], rows.Select(r => (r.Index, r.Line)));
        var refunded = rows[0].Order!;
        Assert.Equal(("c:7", OrderStatus.Refunded), (refunded.CustomerKey, refunded.Status));
        Assert.Equal([new OrderRefund(WooCommerceCsvOrderReader.RefundedTotalId, 40m, DateTimeOffset.Parse("2025-03-01T13:00:00Z", CultureInfo.InvariantCulture))], refunded.Refunds);
        // All three item lines of order 900, each with its tax; the deleted product (id 0, "unknown_product") is a custom item.
        Assert.Equal(
        [
            new OrderLine("31", null, "MUG-1", "Mug", 2, 17.60m),
            new OrderLine("32", null, null, "Bowl", 1, 12.00m),
            new OrderLine(OrderLine.CustomItem, null, null, "Gift wrap", 1, 4.40m),
        ], refunded.Lines);
        Assert.Equal(["spring", "ship0"], refunded.DiscountCodes);
        Assert.Equal("CA", refunded.Country);
        var cancelled = rows[1].Order!;
        Assert.Equal((OrderStatus.Cancelled, DateTimeOffset.Parse("2025-03-01T13:00:00Z", CultureInfo.InvariantCulture)), (cancelled.Status, cancelled.CancelledAt));
        Assert.Empty(cancelled.Refunds);
        Assert.Equal([new OrderLine("33", null, null, "Plate", 4, 40.00m)], cancelled.Lines);
    }

    [Fact]
    public void The_one_row_per_item_archive_keeps_every_item_line_on_its_line_and_nothing_of_the_buyer()
    {
        var copy = new StringWriter();

        WooCommerceCsvOrderReader.WriteArchiveCopy(new StringReader(OneRowPerItemFile), copy, Shop);

        var archived = copy.ToString();
        foreach (var personal in new[] { "@", "Ann", "Lee", "Elm", "Springfield", "01101", "555", "Engraving" })
            Assert.DoesNotContain(personal, archived, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, archived.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var original = Read(OneRowPerItemFile);
        var again = Read(archived);
        Assert.Equal(original.Select(r => WooCommerceReference.Described(r.Order!)), again.Select(r => WooCommerceReference.Described(r.Order!)));
        Assert.Equal(4, again.Sum(r => r.Order!.Lines.Count));
    }

    [Fact]
    public void Bad_items_coupons_and_countries_are_skipped_in_the_exports_column_names()
    {
        var file = File(WooCommerceOneRowPerItemHeader,
        [
            Line(WooCommerceOneRowPerItemHeader, ItemLine("910", "31", "Mug", "2", "16.00")),                              // 2
            Line(WooCommerceOneRowPerItemHeader, ItemLine("910", "32", "Bowl", "two", "12.00")),                           // 3
            Line(WooCommerceOneRowPerItemHeader, ItemLine("911", "31", "Mug", "1", "8.00") is var bad ? Changed(bad, ("shipping_country", "XX")) : bad),
            Line(WooCommerceOneRowPerItemHeader, Changed(ItemLine("912", "31", "Mug", "1", "8.00"), ("coupon_items", "a coupon"))),
        ]);

        Assert.Equal(
        [
            "line 2: item_quantity of the order's item 2: must be a whole number",
            "line 4: shipping_country: must be an ISO 3166-1 alpha-2 country code such as \"US\"",
            "line 5: coupon_items: 'a coupon' is not the export's list of coupons (id:…|code:…|amount:…, separated by ;)",
        ], Read(file).Where(r => r.Skip is not null).Select(r => r.Skip!.ToString()));
    }

    private static Dictionary<string, string> Changed(Dictionary<string, string> line, params (string Column, string Value)[] changes)
    {
        foreach (var (column, value) in changes) line[column] = value;
        return line;
    }

    [Fact]
    public void Bad_orders_are_skipped_with_their_line_and_the_reason_in_the_exports_column_names()
    {
        var file = File(WooCommerceHeader,
        [
            Line(WooCommerceHeader, ReferenceLine(("order_id", "1"), ("date", "22/03/2017 16:28"))),                       // 2
            Line(WooCommerceHeader, ReferenceLine(("order_id", "2"), ("status", "shipped"))),                              // 3
            Line(WooCommerceHeader, ReferenceLine(("order_id", "3"), ("billing_email", ""))),                              // 4
            Line(WooCommerceHeader, ReferenceLine(("order_id", "4"), ("order_currency", "EUR"))),                          // 5
            Line(WooCommerceHeader, ReferenceLine(("order_id", "5"), ("refunded_total", "3.00"), ("refunds", "id:9|amount:2.00"))), // 6
            Line(WooCommerceHeader, ReferenceLine(("order_id", "6"), ("refunds", "a refund of two euros"))),                // 7
            Line(WooCommerceHeader, ReferenceLine(("order_id", "7"), ("refunded_total", "40.00"), ("refunds", "id:9|amount:40.00"))), // 8
            Line(WooCommerceHeader, ReferenceLine(("order_id", "8"))),                                                      // 9
            Line(WooCommerceHeader, ReferenceLine(("order_id", "9"), ("order_total", "'-5.00"))),                          // 10
            Line(WooCommerceHeader, ReferenceLine(("order_id", "8"), ("status", "completed"))),                             // 11
        ]);

        var rows = Read(file);

        Assert.Equal(["8"], rows.Where(r => r.Order is not null).Select(r => r.Order!.OrderId));
        Assert.Equal(
        [
            "line 2: date: '22/03/2017 16:28' is not a time such as 2025-03-01 10:15:00 +0100",
            "line 3: status: must be a WooCommerce order status: " + string.Join(", ", WooCommerceOrderNormalizer.Statuses.Keys),
            "line 4: customer_id is 0 (a guest) and billing_email is empty: the order has no customer",
            "line 5: order_currency: must be the shop's currency USD: amounts are kept in one currency per shop",
            "line 6: refunds: the refunds listed add up to 2.00, but refunded_total is 3.00",
            "line 7: refunds: 'a refund of two euros' is not the export's list of refunds (id:…|date:…|amount:…, separated by ;)",
            "line 8: refunds: refund more than the order's order_total",
            "line 10: order_total: must not be negative",
            "line 11: order_id 8 is already on line 9; only the first line of an order is imported",
        ], rows.Where(r => r.Skip is not null).Select(r => r.Skip!.ToString()));
    }

    [Fact]
    public void A_custom_format_that_names_the_date_column_by_its_key_order_date_is_read_alike()
    {
        string[] header = ["order_id", "order_date", "status", "order_total", "order_currency", "customer_id", "billing_email"];

        var order = Assert.Single(Read(File(header, ["727,2017-03-22 16:28:02,processing,29.35,USD,0,john.doe@example.com"]))).Order!;

        Assert.Equal(Compared(Webhook(ReferenceWebhook()) with { UpdatedAt = order.OrderedAt }), Compared(order));
    }

    [Fact]
    public void A_header_that_is_not_the_extensions_order_export_is_refused_naming_what_it_lacks()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            WooCommerceCsvOrderReader.Open(new StringReader("Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales\n"),
                Shop, Store, "x"));

        // Column names match without regard to case, so Analytics' Date and Status count; the rest is missing.
        Assert.Contains("lacks the required columns order_id, order_total, order_currency, customer_id, billing_email;", error.Message);
        Assert.Contains("Customer / Order / Coupon Export", error.Message);
    }

    [Fact]
    public void The_archived_copy_keeps_no_personal_data_nor_refund_reasons_and_reads_back_to_the_same_orders()
    {
        var file = File(WooCommerceHeader,
        [
            Line(WooCommerceHeader, ReferenceLine(("customer_note", "Ring twice,\nthen wait"),
                ("coupon_items", "id:319|code:WELCOME5|amount:1.00|description:For Jane"))),
            Line(WooCommerceHeader, ReferenceLine(("order_id", "728"), ("customer_id", "12"), ("refunded_total", "5.00"),
                ("refunds", @"id:801|date:2017-03-25 10\:00\:00|amount:5.00|reason:John Doe changed his mind"))),
            Line(WooCommerceHeader, ReferenceLine(("order_id", "729"), ("refunds", "not a list"))),
        ]);
        var copy = new StringWriter();

        WooCommerceCsvOrderReader.WriteArchiveCopy(new StringReader(file), copy, Shop);

        var archived = copy.ToString();
        Assert.StartsWith("order_id,date,status,order_total,refunded_total,refunds,order_currency,customer_id,line_items,coupon_items," +
                          "shipping_country,billing_country,billing_email_hash\n", archived);
        foreach (var personal in new[] { "@", "John", "Doe", "969 Market", "(555)", "Ring", "mind", "San Francisco", "94103", "pa_color", "For Jane" })
            Assert.DoesNotContain(personal, archived);
        Assert.Contains("Woo Single #1", archived);
        var original = Read(file);
        var again = Read(archived);
        Assert.Equal(original.Where(r => r.Order is not null).Select(r => WooCommerceReference.Described(r.Order!)),
            again.Where(r => r.Order is not null).Select(r => WooCommerceReference.Described(r.Order!)));
        Assert.Equal(["welcome5"], again[0].Order!.DiscountCodes);
        Assert.Equal([5L], again.Where(r => r.Skip is not null).Select(r => r.Line));
    }
}
