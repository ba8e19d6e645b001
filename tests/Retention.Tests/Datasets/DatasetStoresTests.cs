using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Core.Feedback;
using Retention.Core.Products;
using Retention.Core.Spend;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Products;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Snapshots.LedgerTestOrders;

namespace Retention.Tests.Datasets;

/// <summary>
/// Each dataset is declared once (<see cref="NightlyDatasets"/>): for one night of a shop with orders, refunds, survey
/// answers and spend, every dataset's rows in Table storage (read with the SDK) and in its published Parquet file (read
/// with DuckDB) are the same rows with the same values. The customers table keeps the key customers, as declared.
/// </summary>
public class DatasetStoresTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private const string ShopId = "dataset-stores";
    private static readonly DateOnly AsOf = new(2025, 4, 30);
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-datasets-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Every_declared_dataset_holds_the_same_rows_in_its_table_and_its_parquet_file()
    {
        await StoreShopAsync();
        // A night a week before, so the audiences' members of the day are not all new and their table (tonight's
        // entrants) keeps fewer rows than their file.
        await pipeline.Service<SnapshotService>().ComputeAsync(ShopId, AsOf.AddDays(-7), default);
        var night = await pipeline.Service<SnapshotService>().ComputeAsync(ShopId, AsOf, default);
        Assert.True(night.Forecast.Forecast.IsFitted, "the test shop should be large enough to forecast, so every column has values");
        await ExportsFolder.CopyAsync(pipeline.Storage, _folder);

        var summary = (await pipeline.Storage.Table(StorageNames.SnapshotsTable).GetEntityAsync<TableEntity>(ShopId, Day(AsOf))).Value;
        var runId = summary.GetString("RunId");
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(summary.GetString("DatasetRows")!)!;

        foreach (var dataset in NightlyDatasets.All)
        {
            var files = ParquetRows(dataset);
            Assert.True(files.Count > 0, $"{dataset.Name}: the night should have rows");
            var stored = dataset.Layout == TableLayout.DayRow ? [summary] : await DayRowsAsync(dataset.Table);
            if (dataset.Layout == TableLayout.DayPartition)
            {
                Assert.All(stored, row => Assert.Equal(runId, row.GetString("RunId")));
                Assert.Equal(counts[dataset.Table], stored.Count);
            }
            foreach (var row in stored) AssertPropertiesDeclared(dataset, row);
            var tables = stored.Select(row => Line(dataset, DatasetTableRow.FromEntity(dataset, row))).Order(StringComparer.Ordinal).ToList();

            var expected = dataset.TableKeepsRowsWith is { } column
                ? files.Where(r => r[dataset.ColumnIndex(column)] is not DBNull).ToList()
                : files;
            Assert.True(dataset.TableKeepsRowsWith is null || expected.Count < files.Count, $"{dataset.Name}: the table should keep fewer rows than the file");
            Assert.Equal(expected.Select(r => Line(dataset, r)).Order(StringComparer.Ordinal), tables);
        }
    }

    /// <summary>Orders of 200 customers over four months, five survey answers with reasons, two months of retention spend and a month of channel spend.</summary>
    private async Task StoreShopAsync()
    {
        await pipeline.RegisterShopAsync(ShopId, Shop.TimeZoneId);
        var orders = pipeline.Service<OrderTable>();
        await Parallel.ForEachAsync(Generate(new Random(14), 1200, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (order, ct) => await orders.UpsertAsync(order with { ShopId = ShopId }, ct));
        var answers = pipeline.Service<FeedbackTable>();
        var reasons = Enum.GetValues<ReasonForLeaving>();
        for (var i = 0; i < 5; i++)
            await answers.UpsertAsync(new FeedbackResponse(ShopId, $"a{i}", "nps", $"c{i * 7}", FeedbackKind.Nps, 2 * i, null, reasons[i], null,
                Start.AddDays(20 * i + 3), $"evt-a{i}"), default);
        var spend = pipeline.Service<RetentionSpendTable>();
        await spend.RecordAsync(new RetentionSpendEntry(ShopId, new DateOnly(2025, 2, 1), 400m, "s1", null), default);
        await spend.RecordAsync(new RetentionSpendEntry(ShopId, new DateOnly(2025, 3, 1), 250.50m, "s2", null), default);
        await spend.RecordAsync(new RetentionSpendEntry(ShopId, new DateOnly(2025, 1, 1), 900m, "s3", null, "google / cpc"), default);
        // Half the products in the catalog (the rest uncategorised), as product webhooks would have filed them.
        var catalog = pipeline.Service<ProductCatalogTable>();
        for (var p = 0; p < 30; p += 2)
            await catalog.UpsertAsync(ShopId, new ProductChange($"p{p}", $"Product {p}", p % 4 == 0 ? "Tea" : "Cups", null, Start, false, "test"), default);
    }

    [Fact]
    public async Task The_night_groups_first_orders_by_the_categories_of_the_shops_catalog()
    {
        await StoreShopAsync();
        var night = await pipeline.Service<SnapshotService>().CalculateAsync(ShopId, AsOf, default);
        var categories = night.Dimensions.Cohorts.Where(c => c.Dimension == "first_category").Select(c => c.Value).ToList();
        Assert.Equal(["Cups", "Tea", ProductCatalog.Uncategorised], categories.Where(c => c != "(no lines)").Order(StringComparer.Ordinal));
    }

    private async Task<List<TableEntity>> DayRowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        var partition = $"{ShopId}:{Day(AsOf)}";
        await foreach (var row in pipeline.Storage.Table(table).QueryAsync<TableEntity>(e => e.PartitionKey == partition)) rows.Add(row);
        return rows;
    }

    /// <summary>Every property of a stored row is a declared column's derived name, or the storage's and the run's own.</summary>
    private static void AssertPropertiesDeclared(Dataset dataset, TableEntity row)
    {
        var declared = dataset.Columns.Select(c => DatasetTableRow.PropertyName(c.Name)).ToHashSet(StringComparer.Ordinal);
        string[] own = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "RunId", "DatasetRows"];
        Assert.All(row.Keys.Where(k => !own.Contains(k)), property => Assert.Contains(property, declared));
    }

    private List<object[]> ParquetRows(Dataset dataset) => DuckDbQuery.Rows(
        $"select {string.Join(", ", dataset.Columns.Select(c => $"\"{c.Name}\""))} " +
        $"from read_parquet('{_folder}/{dataset.Name}/*/*/*.parquet', hive_partitioning = true) " +
        $"where shop = '{ShopId}' and as_of = DATE '{Day(AsOf)}'");

    /// <summary>A row as text, column by column, in one form whichever store it came from.</summary>
    private static string Line(Dataset dataset, object?[] row) =>
        string.Join(" | ", dataset.Columns.Select((c, i) => $"{c.Name}={Text(row[i])}"));

    private static string Text(object? value) => value switch
    {
        null or DBNull => "null",
        decimal d => d.ToString("0.######", CultureInfo.InvariantCulture),
        DateTime time => Day(DateOnly.FromDateTime(time)),
        DateOnly day => Day(day),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
