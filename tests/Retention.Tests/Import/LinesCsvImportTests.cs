using System.Globalization;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Import;

namespace Retention.Tests.Import;

/// <summary>
/// <c>retention import --format lines-csv</c> on a small hand-written file in a shop's own column names: one order from
/// its rows wherever they are, returns attached to the customer's latest earlier order holding the product and capped,
/// the returns and guests nothing matches skipped with their reasons, and only the mapped columns archived.
/// </summary>
public class LinesCsvImportTests(ImportWorkspace workspace) : IClassFixture<ImportWorkspace>
{
    private const string Columns =
        "order_id=Invoice,customer_id=Customer,ordered_at=When,product_id=Sku,product_title=Item,quantity=Qty,unit_price=Price,country=Land";

    private const string File =
        "Invoice,Sku,Item,Qty,When,Price,Customer,Land,Email\n" +                            // 1
        "1001,P1,Mug,2,2024-01-05 10:00:00,3.50,17850.0,United Kingdom,a@x.test\n" +        // 2  order 1001
        "1001,P2,Plate,1,2024-01-05 10:00:00,10.00,17850.0,United Kingdom,a@x.test\n" +     // 3
        "1002,P1,Mug,2,2024-02-01 09:00:00,3.50,17850.0,United Kingdom,a@x.test\n" +        // 4  order 1002, the later one holding P1
        "2001,P3,Bowl,4,2024-02-02 12:00:00,0,22222,Atlantis,b@x.test\n" +                  // 5  free line kept; unknown country
        "1001,P4,Spoon,3,2024-01-05 10:01:00,1.00,17850.0,United Kingdom,a@x.test\n" +      // 6  1001 again, not next to its rows
        "3001,P9,Gift,1,2024-02-03 08:00:00,5.00,,France,g@x.test\n" +                      // 7  a guest's order
        "C9001,P2,Plate,-1,2024-03-01 11:00:00,10.00,17850.0,United Kingdom,\n" +           // 8  returns P2: only 1001 holds it
        "C9001,P1,Mug,-1,2024-03-01 11:00:00,3.50,17850.0,United Kingdom,\n" +              // 9  returns P1: 1002, the latest
        "C9002,P7,Fork,-1,2024-03-02 11:00:00,2.00,17850.0,United Kingdom,\n" +             // 10 no order holds P7
        "C9003,P1,Mug,-5,2024-03-03 11:00:00,3.50,17850.0,United Kingdom,\n" +              // 11 1002 again: capped at what is left
        "C9004,P1,Mug,-1,2024-03-04 11:00:00,3.50,22222,Atlantis,\n";                       // 12 22222 never bought P1

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Rows_become_orders_returns_attach_to_the_latest_earlier_order_with_the_product_and_the_rest_is_skipped_with_reasons()
    {
        await workspace.RegisterShopAsync("lines", "Europe/London", "GBP");
        var path = workspace.WriteFile("lines.csv", File);

        var result = await workspace.RunAsync("import", "--shop", "lines", "--format", "lines-csv", "--file", path, "--columns", Columns);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("read 6 rows: 3 stored, 0 unchanged, 3 skipped", result.Output);
        Assert.Contains("11 file rows: 3 orders with 5 lines; 3 return rows attached to earlier orders (2 orders changed by them", result.Output);
        Assert.Contains("country unknown for 1 orders: Atlantis 1", result.Output);
        Assert.Contains("line 7: order 3001 has no customer_id (a guest's): skipped, its 1 row", result.Output);
        Assert.Contains("line 10: returns product P7, which no earlier order of customer 17850 in the file holds", result.Output);
        Assert.Contains("line 12: returns product P1, which no earlier order of customer 22222 in the file holds", result.Output);

        var orders = (await workspace.Orders.ReadShopAsync("lines", CancellationToken.None)).ToDictionary(o => o.OrderId);
        Assert.Equal(["1001", "1002", "2001"], orders.Keys.Order(StringComparer.Ordinal));

        var first = orders["1001"];
        Assert.Equal(CustomerKey.FromPlatformId("17850"), first.CustomerKey);
        Assert.Equal(At("2024-01-05T10:00:00Z"), first.OrderedAt);
        Assert.Equal(At("2024-03-01T11:00:00Z"), first.UpdatedAt);
        Assert.Equal(20.00m, first.Total);
        Assert.Equal("GB", first.Country);
        Assert.Equal(
            [new OrderLine("P1", null, null, "Mug", 2, 7.00m), new OrderLine("P2", null, null, "Plate", 1, 10.00m, 1),
             new OrderLine("P4", null, null, "Spoon", 3, 3.00m)],
            first.Lines);
        Assert.Equal([new OrderRefund("C9001:P2", 10.00m, At("2024-03-01T11:00:00Z"))], first.Refunds);

        var second = orders["1002"];
        Assert.Equal(7.00m, second.Total);
        Assert.Equal(At("2024-03-03T11:00:00Z"), second.UpdatedAt);
        Assert.Equal([new OrderLine("P1", null, null, "Mug", 2, 7.00m, 2)], second.Lines);
        // The second return asks 17.50 back; only 3.50 of the order's 7.00 was left to refund.
        Assert.Equal(
            [new OrderRefund("C9001:P1", 3.50m, At("2024-03-01T11:00:00Z")),
             new OrderRefund("C9003:P1", 3.50m, At("2024-03-03T11:00:00Z"))],
            second.Refunds);

        var free = orders["2001"];
        Assert.Equal(CustomerKey.FromPlatformId("22222"), free.CustomerKey);
        Assert.Equal([new OrderLine("P3", null, null, "Bowl", 4, 0m)], free.Lines);
        Assert.Equal(0m, free.Total);
        Assert.Null(free.Country);

        // The archive holds the mapped columns only, by their target names: never the unmapped e-mail column.
        var archived = (await workspace.Storage.RawEvents.GetBlobClient(ImportArchive.BlobName("lines", ImportWorkspace.Sha256(path)))
            .DownloadContentAsync()).Value.Content.ToString();
        Assert.StartsWith("order_id,customer_id,ordered_at,product_id,product_title,quantity,unit_price,country\n", archived);
        Assert.DoesNotContain("x.test", archived);
        Assert.Contains("1001,17850,2024-01-05 10:00:00,P1,Mug,2,3.50,United Kingdom\n", archived);

        // A customer's erasure finds their rows in the archived copy by customer_id, and leaves the others' rows.
        var (redacted, removed) = ImportedRowRedaction.Redact(archived,
            CustomerMatch.Of([CustomerKey.FromPlatformId("17850")], [], "salt"));
        Assert.Equal(8, removed);
        Assert.DoesNotContain("17850", redacted);
        Assert.Contains("2001,22222,2024-02-02 12:00:00,P3,Bowl,4,0,Atlantis\n", redacted);
    }

    [Fact]
    public async Task A_gzipped_file_is_read_as_it_is()
    {
        await workspace.RegisterShopAsync("lines-gz", "Europe/London", "GBP");
        var path = Path.Combine(workspace.Directory, "lines.csv.gz");
        await using (var gz = new System.IO.Compression.GZipStream(System.IO.File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            await gz.WriteAsync(System.Text.Encoding.UTF8.GetBytes(File));

        var result = await workspace.RunAsync("import", "--shop", "lines-gz", "--format", "lines-csv", "--file", path, "--columns", Columns);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("read 6 rows: 3 stored, 0 unchanged, 3 skipped", result.Output);
    }

    [Theory]
    [InlineData("order_id=Invoice,customer_id=Customer,ordered_at=When,product_id=Sku,quantity=Qty,unit_price=Price,country=Nation", 1, "Nation")]
    [InlineData("order_id=Invoice,customer_id=Customer,ordered_at=When,product_id=Sku,quantity=Qty", 2, "unit_price or line_amount")]
    [InlineData("order_id=Invoice,customer=Customer,ordered_at=When,product_id=Sku,quantity=Qty,unit_price=Price", 2, "'customer' is not a target")]
    public async Task A_mapping_the_file_does_not_fit_is_one_line_with_a_non_zero_exit_and_nothing_is_written(string columns, int exitCode, string mentions)
    {
        await workspace.RegisterShopAsync("lines-bad", "Europe/London", "GBP");
        var path = workspace.WriteFile("lines-bad.csv", File);

        var result = await workspace.RunAsync("import", "--shop", "lines-bad", "--format", "lines-csv", "--file", path, "--columns", columns);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(mentions, line);
        Assert.Empty(await workspace.ETagsOfAsync("lines-bad"));
        await foreach (var blob in workspace.Storage.RawEvents.GetBlobsAsync(default, default, "lines-bad/", default))
            Assert.Fail($"nothing is to be archived, yet {blob.Name} was");
    }
}
