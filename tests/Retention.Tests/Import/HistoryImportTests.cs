using System.Globalization;
using System.Text;
using Retention.Core.Orders;
using Retention.Pipeline.Import;
using Retention.Core.Import;

namespace Retention.Tests.Import;

/// <summary><c>retention import</c> run as a process against a real Azurite: what is stored, what is skipped, what a second run does.</summary>
public class HistoryImportTests(ImportWorkspace workspace) : IClassFixture<ImportWorkspace>
{
    private Task<Support.RetentionCli.Result> Import(string shop, string file, params string[] more) =>
        workspace.RunAsync(["import", "--shop", shop, "--format", "generic-csv", "--file", file, .. more]);

    private static string Rows(int count, string prefix)
    {
        var csv = new StringBuilder("customer_id,order_id,ordered_at,amount,currency,status\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"c-{i % 97},{prefix}{i},2025-{1 + i % 12:D2}-{1 + i % 28:D2}T{i % 24:D2}:{i % 60:D2}:00Z,{5 + i % 300}.{i % 100:D2},EUR,{(i % 10 == 0 ? "fulfilled" : "paid")}\n");
        return csv.ToString();
    }

    [Fact]
    public async Task Every_kind_of_bad_row_is_skipped_by_line_with_its_reason_and_the_good_rows_are_stored()
    {
        await workspace.RegisterShopAsync("skips-shop");
        var file = workspace.WriteFile("skips.csv",
            "Status,customer_id,order_id,ordered_at,amount,currency\r\n" +                 // 1  columns in their own order
            "paid,c-1,1001,2025-03-01T10:15:00+01:00,59.90,EUR\r\n" +                    // 2  stored
            ",c-2,1002,2025-03-02,20.00,\r\n" +                                           // 3  stored: Berlin's day, defaults
            "paid,c-3,1003,2025-13-45,10.00,EUR\r\n" +                                    // 4  bad date
            "paid,c-4,1004,2025-03-04T12:00:00Z,-5.00,EUR\r\n" +                          // 5  negative amount
            "paid,c-5,1005,2025-03-05T12:00:00Z,15.00,USD\r\n" +                          // 6  wrong currency
            "paid,,1006,2025-03-06T12:00:00Z,15.00,EUR\r\n" +                             // 7  missing customer
            "paid,c-1,1001,2025-03-07T12:00:00Z,99.00,EUR\r\n" +                          // 8  duplicate order id
            "fulfilled,\"c-8\",\"1008 \"\"gift\"\", box\",2025-03-30 02:30,30.00,EUR\r\n" + // 9  stored: quotes; Berlin's skipped hour
            "paid,c-9,1009,2025-03-09T12:00:00Z,\"1,5\",EUR\r\n" +                        // 10 amount with a decimal comma
            "shipped,c-10,1010,2025-03-10T12:00:00Z,5.00,EUR\r\n" +                       // 11 unknown status
            "paid,c-11,1011,2025-03-11T12:00:00Z,5.00\r\n" +                              // 12 a value short
            "paid,c-12,\"10\r\n12\",2025-03-12T12:00:00Z,5.00,EUR\r\n" +                  // 13-14 a line break inside an id
            "cancelled,c-15,1015,2025-03-15 18:00,5.00,EUR\r\n");                         // 15 stored: local time
        var report = Path.Combine(workspace.Directory, "skips.skips.csv");

        var result = await Import("skips-shop", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("read 13 rows: 4 stored, 0 unchanged, 9 skipped", result.Output);
        var expectedSkips = new (int Line, string Reason)[]
        {
            (4, "ordered_at: '2025-13-45' is not a time"),
            (5, "amount: must not be negative"),
            (6, "currency: must be the shop's currency EUR"),
            (7, "customer_id: is required"),
            (8, "order_id 1001 is already on line 2; only the first row of an order is imported"),
            (10, "amount: must be a decimal amount"),
            (11, "status: must be one of pending, paid, fulfilled, cancelled, refunded, failed"),
            (12, "has 5 values where the header has 6 columns"),
            (13, "order_id: must not contain control characters"),
        };
        foreach (var (line, reason) in expectedSkips)
            Assert.Contains($"  line {line}: {reason}", result.Output);
        using (var reportText = new StreamReader(report))
        {
            var records = new CsvRecordReader(reportText).ReadAll().ToList();
            Assert.Equal(["line", "order_id", "reason"], records[0].Values);
            Assert.Equal(expectedSkips.Select(s => s.Line.ToString(CultureInfo.InvariantCulture)), records.Skip(1).Select(r => r.Values[0]));
            Assert.All(records.Skip(1).Zip(expectedSkips), pair => Assert.StartsWith(pair.Second.Reason, pair.First.Values[2]));
            Assert.Equal(["1004", "10\r\n12"], records.Where(r => r.Values[0] is "5" or "13").Select(r => r.Values[1]));
        }

        var stored = (await workspace.Orders.ReadShopAsync("skips-shop", default)).ToDictionary(o => o.OrderId);
        Assert.Equal(["1001", "1002", "1008 \"gift\", box", "1015"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("c:c-1", DateTimeOffset.Parse("2025-03-01T09:15:00Z", CultureInfo.InvariantCulture), 59.90m, OrderStatus.Paid),
            (stored["1001"].CustomerKey, stored["1001"].OrderedAt, stored["1001"].Total, stored["1001"].Status));
        Assert.Equal((DateTimeOffset.Parse("2025-03-01T23:00:00Z", CultureInfo.InvariantCulture), "EUR", OrderStatus.Paid),
            (stored["1002"].OrderedAt, stored["1002"].Currency, stored["1002"].Status));
        Assert.Equal((DateTimeOffset.Parse("2025-03-30T01:30:00Z", CultureInfo.InvariantCulture), OrderStatus.Fulfilled), (stored["1008 \"gift\", box"].OrderedAt, stored["1008 \"gift\", box"].Status));
        Assert.Equal((DateTimeOffset.Parse("2025-03-15T17:00:00Z", CultureInfo.InvariantCulture), OrderStatus.Cancelled, DateTimeOffset.Parse("2025-03-15T17:00:00Z", CultureInfo.InvariantCulture)),
            (stored["1015"].OrderedAt, stored["1015"].Status, stored["1015"].CancelledAt));
        Assert.All(stored.Values, o => Assert.Equal(o.OrderedAt, o.UpdatedAt));
        var sha = ImportWorkspace.Sha256(file);
        Assert.Equal($"import/{sha}.csv#L2", stored["1001"].SourceEventId);

        // The file itself is the raw event, so the history can be computed again from it.
        var archived = await workspace.Storage.RawEvents.GetBlobClient(ImportArchive.BlobName("skips-shop", sha)).DownloadContentAsync();
        Assert.Equal(File.ReadAllBytes(file), archived.Value.Content.ToArray());
    }

    [Fact]
    public async Task Only_the_first_20_skips_are_printed_and_the_report_has_them_all()
    {
        await workspace.RegisterShopAsync("many-skips");
        var csv = new StringBuilder("customer_id,order_id,ordered_at,amount\n");
        for (var i = 0; i < 25; i++) csv.Append(CultureInfo.InvariantCulture, $"c,{i},2025-03-01,-{i + 1}\n");
        var file = workspace.WriteFile("many.csv", csv.ToString());
        var report = Path.Combine(workspace.Directory, "many-report.csv");

        var result = await Import("many-skips", file, "--skips", report);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped 25 rows (the first 20 here, all of them in the skip report)", result.Output);
        Assert.Contains("  line 21: amount: must not be negative", result.Output);
        Assert.DoesNotContain("  line 22:", result.Output);
        Assert.Equal(26, File.ReadAllLines(report).Length);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_no_row()
    {
        await workspace.RegisterShopAsync("again-shop");
        var file = workspace.WriteFile("again.csv", Rows(400, "a"));
        Assert.Equal(0, (await Import("again-shop", file)).ExitCode);
        var before = await workspace.ETagsOfAsync("again-shop");
        Assert.Equal(400, before.Count);

        var again = await Import("again-shop", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing written", again.Output);
        Assert.Equal(before, await workspace.ETagsOfAsync("again-shop"));

        // Even read again from its first row, through the batches' conflict path and the version rule, nothing is written.
        var restarted = await Import("again-shop", file, "--restart");
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        Assert.Contains("read 400 rows: 0 stored, 400 unchanged, 0 skipped", restarted.Output);
        Assert.Equal(before, await workspace.ETagsOfAsync("again-shop"));
        Assert.True((await workspace.Archive.ReadCheckpointAsync("again-shop", ImportWorkspace.Sha256(file), default))!.IsComplete);
    }

    [Fact]
    public async Task An_import_killed_part_way_resumes_from_its_checkpoint_and_ends_with_the_rows_of_an_uninterrupted_one()
    {
        const int rows = 8000;
        await workspace.RegisterShopAsync("resumed-shop");
        await workspace.RegisterShopAsync("straight-shop");
        var file = workspace.WriteFile("history.csv", Rows(rows, "h"));
        var sha = ImportWorkspace.Sha256(file);

        using (var process = workspace.Start("import", "--shop", "resumed-shop", "--format", "generic-csv", "--file", file, "--concurrency", "1"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            ImportCheckpoint? checkpoint = null;
            while (!process.HasExited && DateTime.UtcNow < deadline && checkpoint is not { RowsDone: > 0 })
            {
                await Task.Delay(10);
                checkpoint = await workspace.Archive.ReadCheckpointAsync("resumed-shop", sha, default);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var interrupted = await workspace.Archive.ReadCheckpointAsync("resumed-shop", sha, default);
        Assert.True(interrupted is { RowsDone: > 0, IsComplete: false }, "the import was to be killed after its first checkpoint and before its end");
        Assert.True((await workspace.ETagsOfAsync("resumed-shop")).Count < rows);

        var resumed = await Import("resumed-shop", file);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resumed at line", resumed.Output);
        // Rows the killed run stored after its last checkpoint are found there again: unchanged, not written twice.
        var counts = System.Text.RegularExpressions.Regex.Match(resumed.Output, @"read ([\d,]+) rows: ([\d,]+) stored, ([\d,]+) unchanged, 0 skipped");
        Assert.True(counts.Success, resumed.Output);
        Assert.Equal(rows, int.Parse(counts.Groups[2].Value.Replace(",", ""), CultureInfo.InvariantCulture) + int.Parse(counts.Groups[3].Value.Replace(",", ""), CultureInfo.InvariantCulture));
        Assert.True((await workspace.Archive.ReadCheckpointAsync("resumed-shop", sha, default))!.IsComplete);

        Assert.Equal(0, (await Import("straight-shop", file)).ExitCode);
        var expected = await workspace.OrdersOfAsync("straight-shop");
        Assert.Equal(rows, expected.Count);
        Assert.Equal(expected, await workspace.OrdersOfAsync("resumed-shop"));
    }

    [Theory]
    [InlineData("--shop known-shop --format generic-csv --file {missing}", "--file", "does not exist")]
    [InlineData("--shop unknown-shop --format generic-csv --file {good}", "shop 'unknown-shop' is not registered", "")]
    [InlineData("--shop known-shop --format magento-csv --file {good}", "--format must be one of generic-csv, shopify-csv, woocommerce-csv", "magento-csv")]
    [InlineData("--shop known-shop --format generic-csv --file {no-amount}", "lacks the required column amount", "customer_id,order_id,ordered_at,amount")]
    [InlineData("--shop known-shop --format generic-csv --file {extra-column}", "does not read: email", "")]
    [InlineData("--shop known-shop --format generic-csv --file {latin1}", "not UTF-8", "")]
    [InlineData("--shop known-shop --format generic-csv", "--file", "")]
    public async Task A_mistake_exits_non_zero_with_one_readable_line_and_writes_nothing(string arguments, string mentions, string alsoMentions)
    {
        await workspace.RegisterShopAsync("known-shop");
        var files = new Dictionary<string, string>
        {
            ["{missing}"] = Path.Combine(workspace.Directory, "no-such-file.csv"),
            ["{good}"] = workspace.WriteFile("good.csv", "customer_id,order_id,ordered_at,amount\nc,1,2025-03-01,1\n"),
            ["{no-amount}"] = workspace.WriteFile("no-amount.csv", "customer_id,order_id,ordered_at,total\nc,1,2025-03-01,1\n"),
            ["{extra-column}"] = workspace.WriteFile("extra.csv", "customer_id,order_id,ordered_at,amount,email\nc,1,2025-03-01,1,a@b.c\n"),
            ["{latin1}"] = Path.Combine(workspace.Directory, "latin1.csv"),
        };
        File.WriteAllBytes(files["{latin1}"], [.. "customer_id,order_id,ordered_at,amount\nJos"u8, 0xE9, .. ",1,2025-03-01,1\n"u8]);

        var result = await workspace.RunAsync(["import", .. arguments.Split(' ').Select(a => files.GetValueOrDefault(a, a))]);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(mentions, line);
        Assert.Contains(alsoMentions, line);
        Assert.Empty(await workspace.ETagsOfAsync("known-shop"));
        await foreach (var blob in workspace.Storage.RawEvents.GetBlobsAsync(default, default, "known-shop/", default))
            Assert.Fail($"nothing is to be archived, yet {blob.Name} was");
    }
}
