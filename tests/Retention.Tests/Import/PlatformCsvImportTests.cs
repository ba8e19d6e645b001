using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Pipeline.Import;
using Retention.Tests.WooCommerce;
using static Retention.Tests.Import.PlatformExports;
using Retention.Core.Events;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Tests.Import;

/// <summary>
/// <c>retention import --format shopify-csv|woocommerce-csv</c> run as a process against a real Azurite: what is
/// stored (compared with what the platform's webhook normalizer makes of the same orders), what is archived, what a
/// second run and an interrupted run do, and how a file of the wrong format is refused.
/// </summary>
public class PlatformCsvImportTests(ImportWorkspace workspace) : IClassFixture<ImportWorkspace>
{
    private Task<Support.RetentionCli.Result> Import(string shop, string format, string file, params string[] more) =>
        workspace.RunAsync(["import", "--shop", shop, "--format", format, "--file", file, .. more]);

    private static NormalizedOrder Normalized(OrderNormalization result)
    {
        Assert.True(result.Problem is null, result.Problem?.ToString());
        return result.Order!;
    }

    /// <summary>What the stored order and the webhook's agree on: everything but the version's date, the refunds' ids and dates, and the source.</summary>
    private static object Agreed(NormalizedOrder o) =>
        (o.OrderId, o.CustomerKey, o.OrderedAt.UtcTicks, o.Currency, o.Total, o.Status, o.CancelledAt?.UtcTicks, o.RefundedBy(DateTimeOffset.MaxValue), o.IsTest, o.Platform);

    private static Dictionary<string, string> ShopifyOrder(string id, string email, string financialStatus, string total, string createdAt,
        params (string Column, string Value)[] more)
    {
        var line = new Dictionary<string, string>
        {
            ["Name"] = "#" + id, ["Email"] = email, ["Financial Status"] = financialStatus, ["Currency"] = "USD", ["Subtotal"] = total,
            ["Total"] = total, ["Created at"] = createdAt, ["Lineitem quantity"] = "1", ["Lineitem name"] = "Canvas tote", ["Lineitem price"] = total, ["Id"] = id,
            ["Billing Name"] = "Ann Example", ["Billing Street"] = "1 Main St", ["Billing Phone"] = "+1 555 0100", ["Source"] = "web",
            ["Payment Method"] = "Shopify Payments",
        };
        foreach (var (column, value) in more) line[column] = value;
        return line;
    }

    private static string ShopifyLineItem(string id) =>
        Line(ShopifyHeader, new() { ["Name"] = "#" + id, ["Lineitem quantity"] = "2", ["Lineitem name"] = "Mug", ["Lineitem price"] = "0.00", ["Lineitem sku"] = "MUG-1" });

    /// <summary>The same order as Shopify's <c>orders/updated</c> webhook carries it for a guest once the same events happened.</summary>
    private static byte[] ShopifyWebhook(string id, string email, string financialStatus, string total, string createdAt, string updatedAt,
        string? fulfillment = null, string? cancelledAt = null, string? refunded = null, bool test = false) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["id"] = long.Parse(id, CultureInfo.InvariantCulture), ["email"] = email, ["created_at"] = createdAt, ["updated_at"] = updatedAt,
            ["currency"] = "USD", ["total_price"] = total, ["financial_status"] = financialStatus, ["fulfillment_status"] = fulfillment,
            ["cancelled_at"] = cancelledAt, ["test"] = test, ["customer"] = null,
            ["current_total_price"] = (decimal.Parse(total, CultureInfo.InvariantCulture) - decimal.Parse(refunded ?? "0", CultureInfo.InvariantCulture))
                .ToString("0.00", CultureInfo.InvariantCulture),
            ["refunds"] = refunded is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["id"] = 77, ["created_at"] = updatedAt,
                ["transactions"] = new JsonArray(new JsonObject { ["kind"] = "refund", ["status"] = "success", ["amount"] = refunded }),
            }),
        }.ToJsonString());

    [Fact]
    public async Task A_Shopify_export_is_stored_as_its_webhooks_store_the_same_orders_and_archived_without_personal_data()
    {
        const string shop = "shopify-history";
        var credentials = await workspace.RegisterShopWithSecretsAsync(shop, "America/New_York", "USD");
        var context = new ShopContext(shop, "USD", credentials.CustomerIdSalt);
        var file = workspace.WriteFile("orders_export_1.csv", File(ShopifyHeader,
        [
            Line(ShopifyHeader, ShopifyOrder("5001", "ann@example.com", "paid", "60.00", "2025-01-10 09:00:00 -0500",
                ("Fulfillment Status", "fulfilled"), ("Fulfilled at", "2025-01-11 15:30:00 -0500"), ("Notes", "gift wrap,\nplease"))), // 2-3
            ShopifyLineItem("5001"),                                                                                                   // 4
            Line(ShopifyHeader, ShopifyOrder("5002", "bob@example.com", "partially_refunded", "80.00", "2025-02-01 12:00:00 -0500",
                ("Paid at", "2025-02-01 12:00:10 -0500"), ("Refunded Amount", "20.00"))),                                             // 5
            Line(ShopifyHeader, ShopifyOrder("5003", " Ann@Example.com ", "refunded", "45.50", "2025-03-05 08:00:00 -0500",
                ("Refunded Amount", "45.50"))),                                                                                        // 6
            ShopifyLineItem("5003"),                                                                                                   // 7
            Line(ShopifyHeader, ShopifyOrder("5004", "cy@example.com", "voided", "30.00", "2025-03-06 10:00:00 -0500",
                ("Cancelled at", "2025-03-06 11:00:00 -0500"))),                                                                       // 8
            Line(ShopifyHeader, ShopifyOrder("5005", "dee@example.com", "pending", "12.00", "2025-03-07 10:00:00 -0500")),             // 9
            Line(ShopifyHeader, ShopifyOrder("5006", "eve@example.com", "paid", "9.00", "03/08/2025 10:00")),                          // 10
            Line(ShopifyHeader, ShopifyOrder("5007", "fay@example.com", "paid", "9.00", "2025-03-09 10:00:00 -0400", ("Currency", "CAD"))), // 11
            Line(ShopifyHeader, ShopifyOrder("5008", "test@example.com", "paid", "1.00", "2025-03-10 10:00:00 -0400", ("Payment Method", "bogus"))), // 12
        ]));
        var sha = ImportWorkspace.Sha256(file);

        var result = await Import(shop, "shopify-csv", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("read 8 rows: 6 stored, 0 unchanged, 2 skipped", result.Output);
        Assert.Contains("  line 10: Created at: '03/08/2025 10:00' is not a time", result.Output);
        Assert.Contains("  line 11: Currency: must be the shop's currency USD", result.Output);
        Assert.Equal(["line,order_id", "10,5006", "11,5007"],
            System.IO.File.ReadAllLines(Path.Combine(workspace.Directory, "orders_export_1.skips.csv")).Select(l => string.Join(',', l.Split(',').Take(2))));

        var stored = (await workspace.Orders.ReadShopAsync(shop, default)).ToDictionary(o => o.OrderId);
        Assert.Equal(["5001", "5002", "5003", "5004", "5005", "5008"], stored.Keys.Order());
        var webhooks = new Dictionary<string, byte[]>
        {
            ["5001"] = ShopifyWebhook("5001", "ann@example.com", "paid", "60.00", "2025-01-10T09:00:00-05:00", "2025-01-11T15:30:00-05:00", "fulfilled"),
            ["5002"] = ShopifyWebhook("5002", "bob@example.com", "partially_refunded", "80.00", "2025-02-01T12:00:00-05:00", "2025-02-09T10:00:00-05:00", refunded: "20.00"),
            ["5003"] = ShopifyWebhook("5003", "ann@example.com", "refunded", "45.50", "2025-03-05T08:00:00-05:00", "2025-03-06T09:00:00-05:00", refunded: "45.50"),
            ["5004"] = ShopifyWebhook("5004", "cy@example.com", "voided", "30.00", "2025-03-06T10:00:00-05:00", "2025-03-06T11:00:00-05:00",
                cancelledAt: "2025-03-06T11:00:00-05:00"),
            ["5005"] = ShopifyWebhook("5005", "dee@example.com", "pending", "12.00", "2025-03-07T10:00:00-05:00", "2025-03-07T10:00:00-05:00"),
            ["5008"] = ShopifyWebhook("5008", "test@example.com", "paid", "1.00", "2025-03-10T10:00:00-04:00", "2025-03-10T10:00:00-04:00", test: true),
        };
        foreach (var (id, body) in webhooks)
            Assert.Equal(Agreed(Normalized(ShopifyOrderNormalizer.Normalize(body, context, "webhook"))), Agreed(stored[id]));

        // Read by hand: Ann's two orders are one customer; amounts, statuses and refunds as the export says.
        var ann = CustomerKey.FromEmail("ann@example.com", credentials.CustomerIdSalt);
        Assert.Equal((ann, 60m, OrderStatus.Fulfilled), (stored["5001"].CustomerKey, stored["5001"].Total, stored["5001"].Status));
        Assert.Equal((ann, OrderStatus.Refunded, 45.50m), (stored["5003"].CustomerKey, stored["5003"].Status, stored["5003"].RefundedBy(DateTimeOffset.MaxValue)));
        Assert.Equal([new OrderRefund(ShopifyCsvOrderReader.RefundId, 20m, DateTimeOffset.Parse("2025-02-01T17:00:10Z", CultureInfo.InvariantCulture))], stored["5002"].Refunds);
        Assert.Equal((OrderStatus.Cancelled, DateTimeOffset.Parse("2025-03-06T16:00:00Z", CultureInfo.InvariantCulture)), (stored["5004"].Status, stored["5004"].CancelledAt));
        Assert.Equal((OrderStatus.Pending, false, true), (stored["5005"].Status, stored["5005"].IsTest, stored["5008"].IsTest));
        string[] ids = ["5001", "5002", "5003"];
        Assert.Equal([$"import/{sha}.csv#L2", $"import/{sha}.csv#L5", $"import/{sha}.csv#L6"], ids.Select(id => stored[id].SourceEventId));

        // The archive is the export without its personal data: no e-mail, name, address, phone or note.
        var blob = workspace.Storage.RawEvents.GetBlobClient(ImportArchive.BlobName(shop, sha));
        var archived = (await blob.DownloadContentAsync()).Value.Content.ToString();
        Assert.StartsWith("Id,Name,Financial Status,Fulfillment Status,Currency,Total,Created at,Paid at,Fulfilled at,Cancelled at,Refunded Amount,Payment Method," +
                          "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Discount Code,Shipping Country,Billing Country,Source," +
                          "Email hash\n", archived);
        foreach (var personal in new[] { "@", "Ann Example", "Main St", "+1 555", "gift" }) Assert.DoesNotContain(personal, archived);
        // Every line item of an order is stored with it (the export's further lines), and archived with it.
        Assert.Equal([new OrderLine("name:Canvas tote", null, null, "Canvas tote", 1, 60.00m), new OrderLine("sku:MUG-1", null, "MUG-1", "Mug", 2, 0m)],
            stored["5001"].Lines);
        Assert.Equal([new OrderLine("name:Canvas tote", null, null, "Canvas tote", 1, 80.00m)], stored["5002"].Lines);
        Assert.Equal("web", stored["5001"].Channel.SourceName);
        Assert.Contains(ann[CustomerKeyPrefixes.Email.Length..], archived);
        Assert.Equal("redacted", (await blob.GetPropertiesAsync()).Value.Metadata["content"]);
    }

    private static string ShopifyHistory(int orders)
    {
        var lines = new List<string>();
        for (var i = 0; i < orders; i++)
        {
            var id = (100_000 + i).ToString(CultureInfo.InvariantCulture);
            var refunded = i % 7 == 0;
            lines.Add(Line(ShopifyHeader, ShopifyOrder(id, $"buyer{i % 97}@example.com", refunded ? "partially_refunded" : "paid",
                $"{5 + i % 300}.{i % 100:D2}", $"2025-{1 + i % 12:D2}-{1 + i % 28:D2} {i % 24:D2}:{i % 60:D2}:00 -0500",
                ("Refunded Amount", refunded ? "1.00" : "0.00"), ("Notes", i % 5 == 0 ? "ring\nthe bell" : ""))));
            if (i % 3 == 0) lines.Add(ShopifyLineItem(id));
        }
        return File(ShopifyHeader, lines);
    }

    [Fact]
    public async Task Importing_a_Shopify_export_again_changes_no_row_and_a_restart_finds_every_order_unchanged()
    {
        await workspace.RegisterShopWithSecretsAsync("shopify-again", "America/New_York", "USD");
        var file = workspace.WriteFile("again_export.csv", ShopifyHistory(300));
        var first = await Import("shopify-again", "shopify-csv", file);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("read 300 rows: 300 stored, 0 unchanged, 0 skipped", first.Output);
        var before = await workspace.ETagsOfAsync("shopify-again");
        Assert.Equal(300, before.Count);

        var again = await Import("shopify-again", "shopify-csv", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing written", again.Output);
        Assert.Equal(before, await workspace.ETagsOfAsync("shopify-again"));

        var restarted = await Import("shopify-again", "shopify-csv", file, "--restart");
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        Assert.Contains("read 300 rows: 0 stored, 300 unchanged, 0 skipped", restarted.Output);
        Assert.Equal(before, await workspace.ETagsOfAsync("shopify-again"));
    }

    [Fact]
    public async Task A_killed_Shopify_import_resumes_from_its_checkpoint_and_ends_with_the_orders_of_an_uninterrupted_one()
    {
        const int orders = 8000;
        var salt = (await workspace.RegisterShopWithSecretsAsync("shopify-resumed", "America/New_York", "USD")).CustomerIdSalt;
        // The same customers in both shops: the same salt, so their orders compare equal key for key.
        await workspace.RegisterShopWithSecretsAsync("shopify-straight", "America/New_York", "USD", salt);
        var file = workspace.WriteFile("history_export.csv", ShopifyHistory(orders));
        var sha = ImportWorkspace.Sha256(file);

        using (var process = workspace.Start("import", "--shop", "shopify-resumed", "--format", "shopify-csv", "--file", file, "--concurrency", "1"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            ImportCheckpoint? checkpoint = null;
            while (!process.HasExited && DateTime.UtcNow < deadline && checkpoint is not { RowsDone: > 0 })
            {
                await Task.Delay(10);
                checkpoint = await workspace.Archive.ReadCheckpointAsync("shopify-resumed", sha, default);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var interrupted = await workspace.Archive.ReadCheckpointAsync("shopify-resumed", sha, default);
        Assert.True(interrupted is { RowsDone: > 0, IsComplete: false }, "the import was to be killed after its first checkpoint and before its end");
        Assert.Equal(orders.ToString(CultureInfo.InvariantCulture), interrupted!.Metadata["rows"]);

        var resumed = await Import("shopify-resumed", "shopify-csv", file);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resumed at line", resumed.Output);
        var counts = Regex.Match(resumed.Output, @"read ([\d,]+) rows: ([\d,]+) stored, ([\d,]+) unchanged, 0 skipped");
        Assert.True(counts.Success, resumed.Output);
        Assert.Equal(orders, int.Parse(counts.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture));
        Assert.Equal(orders, int.Parse(counts.Groups[2].Value.Replace(",", ""), CultureInfo.InvariantCulture) + int.Parse(counts.Groups[3].Value.Replace(",", ""), CultureInfo.InvariantCulture));

        Assert.Equal(0, (await Import("shopify-straight", "shopify-csv", file)).ExitCode);
        var expected = await workspace.OrdersOfAsync("shopify-straight");
        Assert.Equal(orders, expected.Count);
        Assert.Equal(expected, await workspace.OrdersOfAsync("shopify-resumed"));
    }

    /// <summary>The shared reference order 727, changed as a test needs, as WooCommerce's webhook sends it.</summary>
    private static byte[] WooWebhook(Action<JsonObject> change)
    {
        var order = JsonNode.Parse(WooCommerceReference.OrderBody())!.AsObject();
        change(order);
        return JsonSerializer.SerializeToUtf8Bytes(order);
    }

    private static Dictionary<string, string> WooOrder(string id, string date, string status, string total, string customerId, string email,
        params (string Column, string Value)[] more)
    {
        var line = new Dictionary<string, string>
        {
            ["order_id"] = id, ["date"] = date, ["status"] = status, ["order_total"] = total, ["refunded_total"] = "0.00", ["order_currency"] = "USD",
            ["payment_method"] = "bacs", ["customer_id"] = customerId, ["billing_first_name"] = "John", ["billing_last_name"] = "Doe",
            ["billing_email"] = email, ["billing_phone"] = "(555) 555-5555", ["billing_address_1"] = "969 Market",
            ["line_items"] = "id:315|name:Woo Single #1|product_id:93|sku:|quantity:2|subtotal:6.00|total:6.00", ["order_notes"] = "Called the customer",
        };
        foreach (var (column, value) in more) line[column] = value;
        return line;
    }

    [Fact]
    public async Task A_WooCommerce_export_is_stored_as_its_webhooks_store_the_same_orders_and_importing_it_again_changes_nothing()
    {
        const string shop = "woo-history";
        var credentials = await workspace.RegisterShopWithSecretsAsync(shop, "America/Argentina/Buenos_Aires", "USD");
        var context = new ShopContext(shop, "USD", credentials.CustomerIdSalt);
        var file = workspace.WriteFile("wc-orders.csv", File(WooCommerceHeader,
        [
            Line(WooCommerceHeader, WooOrder("727", "2017-03-22 16:28:02", "processing", "29.35", "0", "john.doe@example.com")),          // 2
            Line(WooCommerceHeader, WooOrder("728", "2017-04-01 10:00:00", "completed", "50.00", "12", "jane@example.com",
                ("refunded_total", "10.00"), ("refunds", @"id:801|date:2017-04-03 09\:00\:00|amount:10.00|reason:Broken mug"))),           // 3
            Line(WooCommerceHeader, WooOrder("729", "2017-04-05 10:00:00", "cancelled", "20.00", "12", "jane@example.com",
                ("customer_note", "Please,\ncall first"))),                                                                           // 4-5
            Line(WooCommerceHeader, WooOrder("730", "2017-04-06 10:00:00", "wc-shipped", "20.00", "0", "guest@example.com")),          // 6
            Line(WooCommerceHeader, WooOrder("731", "2017-04-07 10:00:00", "refunded", "15.00", "0", "John.Doe@Example.com ",
                ("refunded_total", "15.00"))),                                                                                          // 7
        ]));
        var sha = ImportWorkspace.Sha256(file);

        var result = await Import(shop, "woocommerce-csv", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("read 5 rows: 4 stored, 0 unchanged, 1 skipped", result.Output);
        Assert.Contains("  line 6: status: must be a WooCommerce order status", result.Output);
        var stored = (await workspace.Orders.ReadShopAsync(shop, default)).ToDictionary(o => o.OrderId);
        var webhooks = new Dictionary<string, byte[]>
        {
            ["727"] = WooCommerceReference.OrderBody(),
            ["728"] = WooWebhook(o =>
            {
                o["id"] = 728; o["customer_id"] = 12; o["status"] = "completed"; o["total"] = "50.00";
                o["date_created_gmt"] = "2017-04-01T13:00:00"; o["date_modified_gmt"] = "2017-04-03T12:00:00";
                o["refunds"] = new JsonArray(new JsonObject { ["id"] = 801, ["reason"] = "Broken mug", ["total"] = "-10.00" });
            }),
            ["729"] = WooWebhook(o =>
            {
                o["id"] = 729; o["customer_id"] = 12; o["status"] = "cancelled"; o["total"] = "20.00";
                o["date_created_gmt"] = "2017-04-05T13:00:00"; o["date_modified_gmt"] = "2017-04-05T13:00:00";
            }),
            ["731"] = WooWebhook(o =>
            {
                o["id"] = 731; o["status"] = "refunded"; o["total"] = "15.00";
                o["date_created_gmt"] = "2017-04-07T13:00:00"; o["date_modified_gmt"] = "2017-04-07T13:00:00";
            }),
        };
        Assert.Equal(webhooks.Keys.Order(), stored.Keys.Order());
        foreach (var (id, body) in webhooks)
            Assert.Equal(Agreed(Normalized(WooCommerceOrderNormalizer.Normalize(body, context, "webhook"))), Agreed(stored[id]));

        // Read by hand: the guest John's two orders share his e-mail key, Jane is customer 12; 728's refund keeps its id and date.
        var john = CustomerKey.FromEmail("john.doe@example.com", credentials.CustomerIdSalt);
        Assert.Equal((john, john, "c:12", "c:12"), (stored["727"].CustomerKey, stored["731"].CustomerKey, stored["728"].CustomerKey, stored["729"].CustomerKey));
        Assert.Equal([new OrderRefund("801", 10m, DateTimeOffset.Parse("2017-04-03T12:00:00Z", CultureInfo.InvariantCulture))], stored["728"].Refunds);
        Assert.Equal((OrderStatus.Cancelled, DateTimeOffset.Parse("2017-04-05T13:00:00Z", CultureInfo.InvariantCulture)), (stored["729"].Status, stored["729"].CancelledAt));
        Assert.Equal($"import/{sha}.csv#L7", stored["731"].SourceEventId);

        var archived = (await workspace.Storage.RawEvents.GetBlobClient(ImportArchive.BlobName(shop, sha)).DownloadContentAsync()).Value.Content.ToString();
        // Product names are kept (the figures by first product read them); the buyer's name and address are not.
        foreach (var personal in new[] { "@", "John", "Doe", "969 Market", "(555)", "Broken", "call" }) Assert.DoesNotContain(personal, archived);

        var before = await workspace.ETagsOfAsync(shop);
        var again = await Import(shop, "woocommerce-csv", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing written", again.Output);
        Assert.Contains("  line 6: status:", again.Output);
        Assert.Equal(before, await workspace.ETagsOfAsync(shop));
    }

    [Theory]
    [InlineData("shopify-csv", "{generic}", "lacks the required columns Id, Name, Email, Financial Status, Currency, Total, Created at", "import it with --format generic-csv")]
    [InlineData("woocommerce-csv", "{shopify}", "lacks the required columns order_id, date, status, order_total, order_currency, customer_id, billing_email", "import it with --format shopify-csv")]
    [InlineData("generic-csv", "{shopify}", "lacks the required columns customer_id, order_id, ordered_at, amount", "import it with --format shopify-csv")]
    [InlineData("shopify-csv", "{woocommerce}", "lacks the required columns Id, Name, Email, Financial Status, Currency, Total, Created at", "import it with --format woocommerce-csv")]
    [InlineData("shopify-csv", "{analytics}", "lacks the required columns Id, Name, Email, Financial Status, Currency, Total, Created at", "Orders → Export")]
    public async Task A_file_of_another_format_is_refused_with_one_line_naming_what_its_header_lacks_and_nothing_is_written(string format, string file,
        string mentions, string alsoMentions)
    {
        const string shop = "wrong-format-shop";
        await workspace.RegisterShopWithSecretsAsync(shop);
        var files = new Dictionary<string, string>
        {
            ["{generic}"] = workspace.WriteFile("generic.csv", "customer_id,order_id,ordered_at,amount\nc-1,1,2025-03-01,10.00\n"),
            ["{shopify}"] = workspace.WriteFile("shopify.csv", File(ShopifyHeader, [Line(ShopifyHeader, ShopifyOrder("1", "a@example.com", "paid", "1.00", "2025-03-01 10:00:00 +0100"))])),
            ["{woocommerce}"] = workspace.WriteFile("woocommerce.csv", File(WooCommerceHeader, [Line(WooCommerceHeader, WooOrder("1", "2025-03-01 10:00:00", "processing", "1.00", "0", "a@example.com"))])),
            // WooCommerce → Analytics → Orders → Download: no order id, no e-mail, no customer id.
            ["{analytics}"] = workspace.WriteFile("analytics.csv", "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales\n" +
                                                                  "2025-03-01,1,Processing,John Doe,new,Mug,1,,1.00\n"),
        };

        var result = await Import(shop, format, files[file]);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(mentions, line);
        Assert.Contains(alsoMentions, line);
        Assert.Empty(await workspace.ETagsOfAsync(shop));
        await foreach (var blob in workspace.Storage.RawEvents.GetBlobsAsync(default, default, shop + "/", default))
            Assert.Fail($"nothing is to be archived, yet {blob.Name} was");
    }

    [Fact]
    public async Task A_shop_without_its_customer_id_salt_is_refused_before_anything_is_read_or_written()
    {
        await workspace.RegisterShopAsync("saltless-shop", "America/New_York", "USD");
        var file = workspace.WriteFile("saltless.csv", File(ShopifyHeader, [Line(ShopifyHeader, ShopifyOrder("1", "a@example.com", "paid", "1.00", "2025-03-01 10:00:00 +0100"))]));

        var result = await Import("saltless-shop", "shopify-csv", file);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("retention: shop 'saltless-shop' has no Shops__saltless-shop__CustomerIdSalt in its settings, which shopify-csv hashes e-mail " +
                     "addresses with (register the shop with 'retention shops add')", line);
        Assert.Empty(await workspace.ETagsOfAsync("saltless-shop"));
    }
}
