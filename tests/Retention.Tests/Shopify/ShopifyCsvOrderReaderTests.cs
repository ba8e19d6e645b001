using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using static Retention.Tests.Import.PlatformExports;
using Retention.Core.Import;
using Retention.Core.Shopify;
using Retention.Tests.Import;

namespace Retention.Tests.Shopify;

/// <summary>
/// Shopify's orders export read line by line (no storage): each order normalizes exactly as the same order sent by
/// Shopify's webhook does, bar what the export cannot say (the customer id, the refund's own id and date).
/// </summary>
public class ShopifyCsvOrderReaderTests
{
    private const string Salt = "test-salt";
    private static readonly ShopContext Shop = new("shopify-shop", "USD", Salt);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static List<CsvOrderRow> Read(string file) =>
        [.. ShopifyCsvOrderReader.Open(new StringReader(file), Shop, NewYork, "import/test.csv").ReadRows()];

    private static NormalizedOrder Webhook(string json)
    {
        var result = ShopifyOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(json), Shop, "webhook");
        Assert.True(result.Problem is null, result.Problem?.ToString());
        return result.Order!;
    }

    /// <summary>An order as the webhooks' and the import's stored rows compare, without where it came from.</summary>
    private static string Compared(NormalizedOrder order) => ImportWorkspace.Describe(order with { SourceEventId = "" });

    /// <summary>The export's first line of Shopify's own sample order (ShopifySamples), with a second line item and personal data as the export has them.</summary>
    private static readonly Dictionary<string, string> SampleLine = new()
    {
        ["Name"] = "#9999", ["Email"] = "jon@example.com", ["Financial Status"] = "voided", ["Fulfillment Status"] = "unfulfilled",
        ["Accepts Marketing"] = "yes", ["Currency"] = "USD", ["Subtotal"] = "404.95", ["Shipping"] = "0.00", ["Taxes"] = "0.00",
        ["Total"] = "404.95", ["Discount Amount"] = "0.00", ["Created at"] = "2021-12-31 19:00:00 -0500", ["Lineitem quantity"] = "1",
        ["Lineitem name"] = "Aviator sunglasses", ["Lineitem price"] = "89.99", ["Lineitem sku"] = "SKU2006-001",
        ["Billing Name"] = "Bob Norman", ["Billing Street"] = "123 Billing Street", ["Billing City"] = "Billtown", ["Billing Zip"] = "K2P0B0",
        ["Billing Country"] = "US", ["Billing Phone"] = "555-555-BILL", ["Shipping Name"] = "Steve Shipper", ["Shipping Street"] = "123 Shipping Street",
        ["Notes"] = "Leave it with\nthe neighbour, Mrs. Smith", ["Cancelled at"] = "2021-12-31 19:00:00 -0500", ["Payment Method"] = "bogus",
        ["Refunded Amount"] = "0.00", ["Outstanding Balance"] = "0.00", ["Id"] = "820982911946154508", ["Risk Level"] = "Low", ["Source"] = "web",
    };

    private static readonly Dictionary<string, string> SampleSecondItem = new()
    {
        ["Name"] = "#9999", ["Email"] = "jon@example.com", ["Created at"] = "2021-12-31 19:00:00 -0500", ["Lineitem quantity"] = "1",
        ["Lineitem name"] = "Mid-century lounger", ["Lineitem price"] = "159.99",
    };

    /// <summary>Shopify's sample, as the webhook sends it, for a guest (no customer object) whose order was never edited.</summary>
    private static string GuestSampleWebhook(Action<JsonObject>? change = null)
    {
        var order = JsonNode.Parse(ShopifySamples.OrdersCreate)!.AsObject();
        order["customer"] = null;
        order["current_total_price"] = "404.95";
        change?.Invoke(order);
        return order.ToJsonString();
    }

    [Fact]
    public void The_export_of_Shopifys_sample_order_normalizes_to_the_order_its_webhook_gives_for_a_guest()
    {
        var rows = Read(File(ShopifyHeader, [Line(ShopifyHeader, SampleLine), Line(ShopifyHeader, SampleSecondItem)]));

        var row = Assert.Single(rows);
        Assert.Null(row.Skip);
        Assert.Equal((0L, 2L), (row.Index, row.Line));
        var imported = row.Order!;
        Assert.Equal(Compared(Webhook(GuestSampleWebhook())), Compared(imported));
        // Read by hand: the guest's salted e-mail, cancelled at Cancelled at, a test order (Bogus Gateway), nothing refunded.
        Assert.Equal((CustomerKey.FromEmail("jon@example.com", Salt), 404.95m, OrderStatus.Cancelled, true),
            (imported.CustomerKey, imported.Total, imported.Status, imported.IsTest));
        Assert.Equal(DateTimeOffset.Parse("2022-01-01T00:00:00Z", CultureInfo.InvariantCulture), imported.CancelledAt);
        Assert.Empty(imported.Refunds);
        Assert.Equal(("shopify", "import/test.csv#L2"), (imported.Platform, imported.SourceEventId));
        // Both lines of the export, the product named by its SKU, else its name (the export has no product id).
        Assert.Equal(
        [
            new OrderLine("sku:SKU2006-001", null, "SKU2006-001", "Aviator sunglasses", 1, 89.99m),
            new OrderLine("name:Mid-century lounger", null, null, "Mid-century lounger", 1, 159.99m),
        ], imported.Lines);
        Assert.Equal(("US", new OrderChannel(OrderChannel.Direct, OrderChannel.NoMedium, null, null, "web")), (imported.Country, imported.Channel));
        Assert.Empty(imported.DiscountCodes);
    }

    [Fact]
    public void Every_line_item_of_an_order_is_read_with_its_codes_country_and_channel()
    {
        var file = File(ShopifyHeader,
        [
            Line(ShopifyHeader, Order("6001", "paid", "83.50", ("Lineitem quantity", "2"), ("Lineitem name", "Boots - 42"), ("Lineitem price", "30.00"),
                ("Lineitem sku", "BOOT-42"), ("Lineitem discount", "6.00"), ("Discount Code", "SPRING10, Welcome"), ("Shipping Country", "DE"),
                ("Billing Country", "AT"), ("Shipping City", "Berlin"), ("Source", "pos"))),                                             // 2
            Line(ShopifyHeader, Item("#6001", "Socks", "3", "5.00", "SOCK")),                                                            // 3
            Line(ShopifyHeader, Item("#6001", "Gift wrap", "1", "2.50")),                                                                // 4
            Line(ShopifyHeader, Order("6002", "paid", "10.00", ("Lineitem quantity", "1"), ("Lineitem name", "Socks"), ("Lineitem price", "10.00"),
                ("Lineitem sku", "SOCK"), ("Billing Country", "AT"))),                                                                   // 5
            Line(ShopifyHeader, Order("6003", "paid", "10.00", ("Lineitem quantity", "1"), ("Lineitem name", "Socks"), ("Lineitem price", "10.00"))), // 6
            Line(ShopifyHeader, Item("#6003", "Boots", "two", "5.00")),                                                                  // 7
            Line(ShopifyHeader, Order("6004", "paid", "10.00", ("Shipping Country", "Channel Islands"), ("Billing Country", "GB"))),    // 8
        ]);

        var rows = Read(file);

        var first = rows[0].Order!;
        Assert.Equal(
        [
            new OrderLine("sku:BOOT-42", null, "BOOT-42", "Boots - 42", 2, 54.00m),
            new OrderLine("sku:SOCK", null, "SOCK", "Socks", 3, 15.00m),
            new OrderLine("name:Gift wrap", null, null, "Gift wrap", 1, 2.50m),
        ], first.Lines);
        Assert.Equal(["spring10", "welcome"], first.DiscountCodes);
        Assert.Equal("DE", first.Country);
        Assert.Equal(new OrderChannel("pos", OrderChannel.NoMedium, null, null, "pos"), first.Channel);
        Assert.Equal(("AT", "sku:SOCK"), (rows[1].Order!.Country, Assert.Single(rows[1].Order!.Lines).ProductId));
        Assert.Equal("line 6: Lineitem quantity of line item 2: must be a whole number", rows[2].Skip!.ToString());
        // A shipping country no table names leaves the order's country unknown: the billing country is not taken for it.
        Assert.Null(rows[3].Order!.Country);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void The_export_has_no_customer_id_so_a_customer_with_an_account_is_keyed_by_email_where_the_webhook_keys_by_id()
    {
        var imported = Assert.Single(Read(File(ShopifyHeader, [Line(ShopifyHeader, SampleLine)]))).Order!;
        var withAccount = Webhook(ShopifySamples.OrdersCreate);

        // The documented difference (docs/import.md): the same customer, two keys.
        Assert.Equal("c:115310627314723954", withAccount.CustomerKey);
        Assert.Equal(CustomerKey.FromEmail("jon@example.com", Salt), imported.CustomerKey);
    }

    private static Dictionary<string, string> Order(string id, string financialStatus, string total = "50.00", params (string Column, string Value)[] more)
    {
        var line = new Dictionary<string, string>
        {
            ["Name"] = "#" + id, ["Email"] = $"buyer{id}@example.com", ["Financial Status"] = financialStatus, ["Currency"] = "USD",
            ["Total"] = total, ["Created at"] = "2025-03-01 10:00:00 -0500", ["Id"] = id, ["Billing Name"] = "Buyer " + id,
        };
        foreach (var (column, value) in more) line[column] = value;
        return line;
    }

    /// <summary>The same order as Shopify's webhook carries it after the same events.</summary>
    private static string OrderWebhook(string id, string financialStatus, string total, string updatedAt, string? fulfillment = null,
        string? cancelledAt = null, string? refund = null, string? refundedAt = null) => new JsonObject
    {
        ["id"] = long.Parse(id, CultureInfo.InvariantCulture), ["email"] = $"buyer{id}@example.com", ["created_at"] = "2025-03-01T10:00:00-05:00", ["updated_at"] = updatedAt,
        ["currency"] = "USD", ["total_price"] = total,
        ["current_total_price"] = (decimal.Parse(total, CultureInfo.InvariantCulture) - decimal.Parse(refund ?? "0", CultureInfo.InvariantCulture))
            .ToString("0.00", CultureInfo.InvariantCulture),
        ["financial_status"] = financialStatus, ["fulfillment_status"] = fulfillment, ["cancelled_at"] = cancelledAt,
        ["refunds"] = refund is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["id"] = 9001, ["created_at"] = refundedAt,
            ["transactions"] = new JsonArray(new JsonObject { ["kind"] = "refund", ["status"] = "success", ["amount"] = refund }),
        }),
    }.ToJsonString();

    public static TheoryData<string, Dictionary<string, string>, string, OrderStatus, decimal> Statuses => new()
    {
        { "paid, unfulfilled", Order("1001", "paid"), OrderWebhook("1001", "paid", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Paid, 0m },
        {
            "paid, fulfilled", Order("1002", "paid", more: [("Fulfillment Status", "fulfilled"), ("Fulfilled at", "2025-03-02 09:00:00 -0500")]),
            OrderWebhook("1002", "paid", "50.00", "2025-03-02T09:00:00-05:00", fulfillment: "fulfilled"), OrderStatus.Fulfilled, 0m
        },
        { "partially paid", Order("1003", "partially_paid"), OrderWebhook("1003", "partially_paid", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Paid, 0m },
        {
            "partially refunded", Order("1004", "partially_refunded", more: [("Paid at", "2025-03-01 10:00:05 -0500"), ("Refunded Amount", "12.50")]),
            OrderWebhook("1004", "partially_refunded", "50.00", "2025-03-03T08:00:00-05:00", refund: "12.50", refundedAt: "2025-03-03T08:00:00-05:00"),
            OrderStatus.Paid, 12.50m
        },
        {
            "refunded in full", Order("1005", "refunded", more: [("Refunded Amount", "50.00")]),
            OrderWebhook("1005", "refunded", "50.00", "2025-03-04T08:00:00-05:00", refund: "50.00", refundedAt: "2025-03-04T08:00:00-05:00"),
            OrderStatus.Refunded, 50m
        },
        {
            "refunded, amount not given", Order("1006", "refunded"),
            OrderWebhook("1006", "refunded", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Refunded, 50m
        },
        { "pending", Order("1007", "pending"), OrderWebhook("1007", "pending", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Pending, 0m },
        { "authorized", Order("1008", "authorized"), OrderWebhook("1008", "authorized", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Pending, 0m },
        { "expired", Order("1009", "expired"), OrderWebhook("1009", "expired", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Pending, 0m },
        { "voided", Order("1010", "voided"), OrderWebhook("1010", "voided", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Failed, 0m },
        {
            "cancelled after payment", Order("1011", "paid", more: [("Cancelled at", "2025-03-05 12:00:00 -0500")]),
            OrderWebhook("1011", "paid", "50.00", "2025-03-05T12:00:00-05:00", cancelledAt: "2025-03-05T12:00:00-05:00"), OrderStatus.Cancelled, 0m
        },
        { "upper case, as a spreadsheet may leave it", Order("1012", "Paid"), OrderWebhook("1012", "paid", "50.00", "2025-03-01T10:00:00-05:00"), OrderStatus.Paid, 0m },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Financial_status_Cancelled_at_and_Refunded_Amount_map_as_the_webhook_maps_the_same_order(string _, Dictionary<string, string> line,
        string webhook, OrderStatus status, decimal refunded)
    {
        var imported = Assert.Single(Read(File(ShopifyHeader, [Line(ShopifyHeader, line)]))).Order!;
        var sent = Webhook(webhook);

        Assert.Equal(status, imported.Status);
        Assert.Equal(refunded, imported.RefundedBy(DateTimeOffset.MaxValue));
        Assert.Equal((sent.CustomerKey, sent.Total, sent.Status, sent.CancelledAt, sent.RefundedBy(DateTimeOffset.MaxValue)),
            (imported.CustomerKey, imported.Total, imported.Status, imported.CancelledAt, imported.RefundedBy(DateTimeOffset.MaxValue)));
    }

    [Fact]
    public void Refunded_Amount_is_one_refund_dated_at_the_latest_time_the_line_shows_which_also_dates_the_version()
    {
        var line = Order("2001", "partially_refunded", "80.00", ("Paid at", "2025-03-01 10:00:30 -0500"),
            ("Fulfillment Status", "fulfilled"), ("Fulfilled at", "2025-03-03 09:00:00 -0500"), ("Refunded Amount", "15.00"));

        var order = Assert.Single(Read(File(ShopifyHeader, [Line(ShopifyHeader, line)]))).Order!;

        var latest = DateTimeOffset.Parse("2025-03-03T14:00:00Z", CultureInfo.InvariantCulture);
        Assert.Equal((80m, OrderStatus.Fulfilled, latest), (order.Total, order.Status, order.UpdatedAt));
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(new OrderRefund(ShopifyCsvOrderReader.RefundId, 15m, latest), refund);
    }

    /// <summary>A further line of an order: one line item, as the export writes it.</summary>
    private static Dictionary<string, string> Item(string name, string title, string quantity = "1", string price = "5.00", string sku = "") => new()
    {
        ["Name"] = name, ["Lineitem quantity"] = quantity, ["Lineitem name"] = title, ["Lineitem price"] = price, ["Lineitem sku"] = sku,
        ["Lineitem requires shipping"] = "true", ["Lineitem taxable"] = "true", ["Lineitem fulfillment status"] = "pending",
    };

    [Fact]
    public void Line_items_belong_to_their_order_and_bad_orders_are_skipped_with_their_first_line_and_reason()
    {
        var file = File(ShopifyHeader,
        [
            Line(ShopifyHeader, Order("3001", "paid", more: [("Notes", "two\nlines")])),                         // 2-3
            Line(ShopifyHeader, Item("#3001", "Second item")),                                                    // 4
            Line(ShopifyHeader, new(Item("#3001", "Third item")) { ["Id"] = "3001" }),                            // 5
            Line(ShopifyHeader, Order("3002", "paid", more: [("Created at", "yesterday")])),                      // 6
            Line(ShopifyHeader, Order("3003", "paid", more: [("Currency", "EUR")])),                              // 7
            Line(ShopifyHeader, Order("3004", "paid", more: [("Email", "")])),                                     // 8
            Line(ShopifyHeader, Order("3005", "refunded", "20.00", ("Refunded Amount", "25.00"))),                // 9
            Line(ShopifyHeader, Order("3001", "paid")),                                                            // 10
            Line(ShopifyHeader, Order("3006", "paid", "12,50")),                                                   // 11
            "#3007,buyer3007@example.com,paid",                                                                    // 12
            Line(ShopifyHeader, Order("3008", "pending", more: [("Payment Method", "(for testing) Bogus Gateway")])), // 13
            Line(ShopifyHeader, Item("#3008", "Second item")),                                                    // 14
        ]);

        var rows = Read(file);

        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7, 8], rows.Select(r => r.Index));
        Assert.Equal([2L, 6, 7, 8, 9, 10, 11, 12, 13], rows.Select(r => r.Line));
        Assert.Equal(["3001", "3008"], rows.Where(r => r.Order is not null).Select(r => r.Order!.OrderId));
        Assert.True(rows.Single(r => r.Order?.OrderId == "3008").Order!.IsTest);
        Assert.Equal(
        [
            "line 6: Created at: 'yesterday' is not a time such as 2025-03-01 10:15:00 +0100",
            "line 7: Currency: must be the shop's currency USD: amounts are kept in one currency per shop",
            "line 8: Email: is empty, so the order cannot be attributed to a customer (the export has no customer id)",
            "line 9: Refunded Amount: is more than the order's Total",
            "line 10: Id 3001 is already on line 2; only the first line of an order is imported",
            "line 11: Total: must be a decimal amount such as \"12.50\"",
            $"line 12: has 3 values where the header has {ShopifyHeader.Length} columns",
        ], rows.Where(r => r.Skip is not null).Select(r => r.Skip!.ToString()));
        Assert.Equal(["3002", "3003", "3004", "3005", "3001", "3006", null], rows.Where(r => r.Skip is not null).Select(r => r.Skip!.OrderId));
    }

    [Fact]
    public void Times_with_and_without_an_offset_are_read_as_the_export_and_the_shop_mean_them()
    {
        string[] header = ["Id", "Name", "Email", "Financial Status", "Currency", "Total", "Created at"];
        var file = File(header,
        [
            "1,#1,a@example.com,paid,USD,1.00,2025-03-01 10:00:00 +0530",
            "2,#2,a@example.com,paid,USD,1.00,2025-03-01T10:00:00-03:00",
            "3,#3,a@example.com,paid,USD,1.00,2025-03-01 10:00:00",
            "4,#4,a@example.com,paid,USD,1.00,2025-03-09 02:30:00",
        ]);

        var rows = Read(file);

        Assert.Equal(
        [
            DateTimeOffset.Parse("2025-03-01T04:30:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2025-03-01T13:00:00Z", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2025-03-01T15:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2025-03-09T07:30:00Z", CultureInfo.InvariantCulture), // New York's skipped hour: 03:30 EDT
        ], rows.Select(r => r.Order!.OrderedAt.ToUniversalTime()));
    }

    [Theory]
    [InlineData("customer_id,order_id,ordered_at,amount", "lacks the required columns Id, Name, Email, Financial Status, Currency, Total, Created at")]
    [InlineData("Name,Email,Financial Status,Currency,Total,Created at", "lacks the required column Id;")]
    [InlineData("Id,Name,Email,Financial Status,Currency,Total,Created at,Total", "names the column Total twice")]
    public void A_header_that_is_not_Shopifys_export_is_refused_naming_what_it_lacks(string header, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ShopifyCsvOrderReader.Open(new StringReader(header + "\n"), Shop, NewYork, "x"));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_archived_copy_keeps_no_personal_data_and_reads_back_to_the_same_orders_on_the_same_lines()
    {
        var file = File(ShopifyHeader,
        [
            Line(ShopifyHeader, SampleLine),
            Line(ShopifyHeader, SampleSecondItem),
            Line(ShopifyHeader, Order("4001", "partially_refunded", "30.00", ("Refunded Amount", "5.00"), ("Notes", "call\nme\nfirst"))),
            Line(ShopifyHeader, Order("4002", "paid", "not money")),
            Line(ShopifyHeader, Order("4003", "paid", more: [("Billing Name", "Zoë \"Z\" Example, Jr.")])),
        ]);
        var copy = new StringWriter();

        ShopifyCsvOrderReader.WriteArchiveCopy(new StringReader(file), copy, Shop);

        var archived = copy.ToString();
        Assert.StartsWith("Id,Name,Financial Status,Fulfillment Status,Currency,Total,Created at,Paid at,Fulfilled at,Cancelled at,Refunded Amount," +
                          "Payment Method,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Discount Code,Shipping Country," +
                          "Billing Country,Source,Email hash\n", archived);
        foreach (var personal in new[] { "@", "Bob Norman", "Billing Street", "Billtown", "K2P0B0", "Steve Shipper", "Shipping Street", "555-555", "Smith",
                     "neighbour", "Buyer", "Zoë", "call" })
            Assert.DoesNotContain(personal, archived);
        var original = Read(file);
        var again = Read(archived);
        Assert.Equal(original.Where(r => r.Order is not null).Select(r => ImportWorkspace.Describe(r.Order!)),
            again.Where(r => r.Order is not null).Select(r => ImportWorkspace.Describe(r.Order!)));
        foreach (var (before, after) in original.Zip(again).Where(p => p.First.Order is not null))
            NormalizedOrders.AssertSame(before.Order!, after.Order!);
        Assert.Equal(2, original[0].Order!.Lines.Count);
        Assert.Equal(original.Where(r => r.Skip is not null).Select(r => r.Skip), again.Where(r => r.Skip is not null).Select(r => r.Skip));
    }

    [Fact]
    public void Landing_and_referring_sites_are_read_for_the_channel_and_archived_as_utm_parameters_and_host_only()
    {
        string[] header = [.. ShopifyHeader, "Referring Site", "Landing Site"];
        var file = File(header,
        [
            Line(header, Order("7001", "paid", "10.00", ("Lineitem quantity", "1"), ("Lineitem name", "Socks"), ("Lineitem price", "10.00"),
                ("Referring Site", "https://mail.example.com/u/0/Bob.Norman?token=secret"),
                ("Landing Site", "/account?email=bob%40example.com&utm_source=Newsletter&utm_medium=email"))),
        ]);
        var copy = new StringWriter();

        ShopifyCsvOrderReader.WriteArchiveCopy(new StringReader(file), copy, Shop);

        var order = Assert.Single(Read(file)).Order!;
        Assert.Equal(new OrderChannel("newsletter", "email", null, "mail.example.com", null), order.Channel);
        var archived = copy.ToString();
        foreach (var personal in new[] { "Bob", "token", "secret", "account", "email=" })
            Assert.DoesNotContain(personal, archived);
        Assert.Contains("mail.example.com,?utm_source=Newsletter&utm_medium=email", archived);
        NormalizedOrders.AssertSame(order, Assert.Single(Read(archived)).Order!);
    }
}
