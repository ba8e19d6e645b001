using System.Globalization;
using System.Text.Json;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Snapshots.LedgerTestOrders;
using Retention.Core.Nightly;
using Retention.Core.Datasets;

namespace Retention.Tests.Exports;

/// <summary>
/// The night's Parquet and CSV exports, published to the exports container on Azurite, downloaded and read back with
/// DuckDB's Hive partitioning: exactly the snapshot's numbers, in real Parquet types, replaced on a re-run.
/// </summary>
public class SnapshotExportTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 4, 30);
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-exports-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<NightlyFigures> StoreAndComputeAsync(string shopId, int seed)
    {
        await pipeline.RegisterShopAsync(shopId, Shop.TimeZoneId);
        var orders = pipeline.Service<OrderTable>();
        foreach (var order in Generate(new Random(seed), 300, 60)) await orders.UpsertAsync(order with { ShopId = shopId }, default);
        return await pipeline.Service<SnapshotService>().ComputeAsync(shopId, AsOf, default);
    }

    /// <summary>Copies the exports container into the test's folder, as a BI tool syncing it would.</summary>
    private Task DownloadExportsAsync() => ExportsFolder.CopyAsync(pipeline.Storage, _folder);

    private static List<object[]> Query(string sql) => DuckDbQuery.Rows(sql);

    private string Parquet(string dataset) => $"read_parquet('{_folder}/{dataset}/*/*/*.parquet', hive_partitioning = true)";

    [Fact]
    public async Task The_published_parquet_read_back_with_duckdb_gives_exactly_the_snapshot_numbers()
    {
        var night = await StoreAndComputeAsync("export-exact", seed: 31);
        await DownloadExportsAsync();
        const string where = "where shop = 'export-exact' and as_of = DATE '2025-04-30'";

        var kpis = Assert.Single(Query($"select customers, orders, net_revenue, churn_days, currency from {Parquet("kpis")} {where}"));
        Assert.Equal((night.Headline.Customers, night.Headline.Orders, night.Headline.NetRevenue, night.Retention.Churn.Threshold.Days, "EUR"),
            ((int)kpis[0], (int)kpis[1], (decimal)kpis[2], (int)kpis[3], (string)kpis[4]));

        var cells = Query($"select period, cohort_start, periods_since_acquisition, cohort_size, active_customers, net_revenue, is_partial from {Parquet("cohorts")} {where} " +
                          "order by period, cohort_start, periods_since_acquisition");
        var expected = new[] { night.Retention.MonthlyCohorts, night.Retention.WeeklyCohorts }
            .SelectMany(m => m.Cohorts.SelectMany(c => c.Cells.Select(cell => new object[]
            {
                m.Period == CohortPeriod.Month ? "month" : "week", c.Start, cell.PeriodsSinceAcquisition, c.Size, cell.ActiveCustomers,
                Math.Round(cell.NetRevenue, 6), cell.IsPartial,
            })))
            .OrderBy(r => (string)r[0], StringComparer.Ordinal).ThenBy(r => (DateOnly)r[1]).ThenBy(r => (int)r[2]).ToList();
        Assert.True(expected.Count > 20);
        Assert.Equal(expected.Select(Describe), cells.Select(r => Describe([r[0], Day(r[1]), r[2], r[3], r[4], r[5], r[6]])));

        var months = Query($"select month, net_revenue, orders, churned_customers from {Parquet("months")} {where} order by month");
        var churn = night.Retention.Churn.Months.ToDictionary(m => m.Month);
        Assert.Equal(night.Retention.Months.Select(m => Describe([m.From, m.NetRevenue, m.Orders, churn.GetValueOrDefault(m.From)?.ChurnedCustomers])),
            months.Select(r => Describe([Day(r[0]), r[1], r[2], r[3] is DBNull ? null : r[3]])));

        var customers = Assert.Single(Query($"select count(*), sum(net_revenue), count(key_customer_rank) from {Parquet("customers")} {where}"));
        Assert.Equal((night.Headline.Customers, night.Headline.NetRevenue, night.Retention.Clv.KeyCustomers.Count),
            ((int)(long)customers[0], (decimal)customers[1], (int)(long)customers[2]));
        var segments = Query($"select segment, customers from {Parquet("rfm_segments")} {where} order by segment");
        Assert.Equal(night.Retention.Rfm.Segments.OrderBy(s => s.Segment.ToString(), StringComparer.Ordinal).Select(s => $"{s.Segment}={s.Customers}"),
            segments.Select(r => $"{r[0]}={r[1]}"));

        // Real Parquet types, not text: dates, exact decimals, integers, booleans.
        var types = Query($"select column_name, column_type from (describe select * from {Parquet("cohorts")})")
            .ToDictionary(r => (string)r[0], r => (string)r[1]);
        Assert.Equal(("DATE", "DECIMAL(18,6)", "INTEGER", "BOOLEAN", "VARCHAR", "DATE"),
            (types["cohort_start"], types["net_revenue"], types["active_customers"], types["is_partial"], types["shop"], types["as_of"]));

        // The CSV twin holds the same rows.
        var csv = Assert.Single(Query($"select count(*), sum(net_revenue) from read_csv('{_folder}/cohorts/shop=export-exact/as_of=2025-04-30/part-0000.csv', header = true)"));
        Assert.Equal((expected.Count, expected.Sum(r => (decimal)r[5])), ((long)csv[0], Convert.ToDecimal(csv[1], CultureInfo.InvariantCulture)));

        // The day's manifest, written last, lists every file with its row count; each dataset has its _SUCCESS.
        var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_folder, "_manifests", "shop=export-exact", "as_of=2025-04-30.json")));
        // The datasets' files have row counts; the day's HTML report (tests/Reports) is listed too, without rows.
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("rows").ValueKind == JsonValueKind.Number)
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("rows").GetInt32());
        Assert.Equal(NightlyDatasets.Names.Count * 2, files.Count);
        Assert.Equal(NightlyDatasets.Names.Count * 2 + 1, manifest.RootElement.GetProperty("files").GetArrayLength());
        Assert.Equal(expected.Count, files["cohorts/shop=export-exact/as_of=2025-04-30/part-0000.parquet"]);
        foreach (var dataset in NightlyDatasets.Names)
            Assert.True(File.Exists(Path.Combine(_folder, dataset, "shop=export-exact", "as_of=2025-04-30", "_SUCCESS")), dataset);
    }

    [Fact]
    public async Task Publishing_a_day_again_replaces_it_and_another_shop_stays_apart()
    {
        var first = await StoreAndComputeAsync("export-rerun", seed: 32);
        var other = await StoreAndComputeAsync("export-other", seed: 33);

        // A late refund of a whole order before the as-of day: the re-run must publish the lower revenue.
        var orders = pipeline.Service<OrderTable>();
        var stored = (await orders.ReadShopAsync("export-rerun", default))
            .First(o => o.Refunds.Count == 0 && o.CancelledAt is null && !o.IsTest && o.Status is OrderStatus.Paid && o.OrderedAt < new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await orders.UpsertAsync(stored with
        {
            UpdatedAt = stored.UpdatedAt.AddDays(30),
            Refunds = [new OrderRefund("late", stored.Total, new DateTimeOffset(2025, 4, 20, 12, 0, 0, TimeSpan.Zero))],
        }, default);
        var second = await pipeline.Service<SnapshotService>().ComputeAsync("export-rerun", AsOf, default);
        Assert.Equal(first.Headline.NetRevenue - stored.Total, second.Headline.NetRevenue);

        await DownloadExportsAsync();
        var revenue = Query($"select shop, net_revenue, orders from {Parquet("kpis")} where shop like 'export-%' and shop <> 'export-exact' order by shop");
        Assert.Equal([$"export-other {other.Headline.NetRevenue} {other.Headline.Orders}", $"export-rerun {second.Headline.NetRevenue} {second.Headline.Orders}"],
            revenue.Select(r => $"{r[0]} {(decimal)r[1]:0.##} {r[2]}"));
    }

    [Fact]
    public async Task Retention_export_writes_the_same_files_into_a_local_folder()
    {
        var night = await StoreAndComputeAsync("export-cli", seed: 34);
        var target = Path.Combine(_folder, "local");
        var result = await RetentionCli.RunAsync("export", "--shop", "export-cli", "--as-of", "2025-04-30", "--to", target,
            "--storage", pipeline.Azurite.ConnectionString, "--settings", Path.Combine(_folder, "local.settings.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("manifest", result.Output);
        var kpis = Assert.Single(Query($"select net_revenue, customers from read_parquet('{target}/kpis/*/*/*.parquet', hive_partitioning = true) where shop = 'export-cli'"));
        Assert.Equal((night.Headline.NetRevenue, night.Headline.Customers), ((decimal)kpis[0], (int)kpis[1]));
        Assert.True(File.Exists(Path.Combine(target, "_manifests", "shop=export-cli", "as_of=2025-04-30.json")));

        var bad = await RetentionCli.RunAsync("export", "--shop", "export-cli", "--as-of", "30/04/2025", "--to", target,
            "--storage", pipeline.Azurite.ConnectionString, "--settings", Path.Combine(_folder, "local.settings.json"));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Single(bad.Error.Trim().Split('\n'));
    }

    private static DateOnly Day(object value) => value is DateOnly day ? day : DateOnly.FromDateTime((DateTime)value);

    private static string Describe(object?[] row) => string.Join(" | ", row.Select(v => v switch
    {
        null => "null",
        decimal d => d.ToString("0.######", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));
}

public class ExportFileTests
{
    [Fact]
    public async Task Csv_quotes_what_needs_quoting_and_writes_invariant_values()
    {
        var dataset = DatasetRows.Create(new GivenColumns([new("name", ColumnType.Text), new("amount", ColumnType.Decimal), new("day", ColumnType.Date), new("flag", ColumnType.Boolean), new("n", ColumnType.Int)]),
            [["a,\"b\"", 1234.5m, new DateOnly(2025, 1, 2), true, null]]);
        using var stream = new MemoryStream();
        await CsvDatasetFile.WriteAsync(dataset, stream, default);
        Assert.Equal("name,amount,day,flag,n\r\n\"a,\"\"b\"\"\",1234.5,2025-01-02,true,\r\n", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>
    /// Rows past a row group's size go to further groups, each column of each group from its own rows: DuckDB reads every
    /// row back in order, in the groups the writer promised, for a declared dataset's rows and for plain rows alike.
    /// </summary>
    [Fact]
    public async Task A_large_dataset_is_written_in_row_groups_that_read_back_in_order()
    {
        var count = 2 * ParquetDatasetFile.RowGroupRows + 7;
        var declared = Dataset.Declare("groups", "number", "groups", _ => Enumerable.Range(0, count),
            columns => columns.Int("n", n => n).Text("name", n => $"c{n:D7}").Decimal("amount", n => n / 100m), ["n"]);
        var rows = declared.RowsOf(null!);
        var plain = DatasetRows.Create(new GivenColumns(declared.Columns), rows.Rows.Select(r => r.ToArray()));
        foreach (var (name, dataset) in new[] { ("declared", rows), ("plain", plain) })
        {
            var path = Path.Combine(Path.GetTempPath(), $"retention-groups-{name}-{Guid.NewGuid():N}.parquet");
            try
            {
                await using (var file = File.Create(path)) await ParquetDatasetFile.WriteAsync(dataset, file, default);
                var groups = DuckDbQuery.Rows($"select row_group_id, max(row_group_num_rows) from parquet_metadata('{path}') group by all order by 1");
                Assert.Equal([ParquetDatasetFile.RowGroupRows, ParquetDatasetFile.RowGroupRows, 7], groups.Select(g => Convert.ToInt32(g[1], CultureInfo.InvariantCulture)));
                var read = DuckDbQuery.Rows($"select n, name, amount from read_parquet('{path}')");
                Assert.Equal(count, read.Count);
                for (var i = 0; i < count; i++)
                    if ((int)read[i][0] != i || (string)read[i][1] != $"c{i:D7}" || (decimal)read[i][2] != i / 100m)
                        Assert.Fail($"{name}: row {i} reads back as {string.Join(" | ", read[i])}");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_before_any_file_is_written()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetRows.Create(new GivenColumns([new("amount", ColumnType.Decimal)]), [["12.50"]]));
        Assert.Contains("amount", error.Message);
    }
}

/// <summary>A dataset of given columns and no night behind it, for testing the file writers alone.</summary>
internal sealed class GivenColumns(IReadOnlyList<DatasetColumn> columns) : Dataset("t", "test row", "t", TableLayout.DayPartition, columns, [], null)
{
    public override DatasetRows RowsOf(NightlyFigures night) => throw new NotSupportedException();
}
