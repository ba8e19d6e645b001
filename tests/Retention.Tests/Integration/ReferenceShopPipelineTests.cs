using System.Globalization;
using System.Text;
using Retention.Pipeline.Storage;
using Retention.Tests.Metrics;
using Retention.Tests.Support;
using Retention.Core.Datasets;
using Retention.Pipeline.Snapshots;

namespace Retention.Tests.Integration;

/// <summary>
/// CDNOW and the apparel shop imported as real shops through the command line (import, then snapshot), with the
/// stored snapshot read back from Table Storage and checked against SQL over the same file in DuckDB.
/// </summary>
public class ReferenceShopPipelineTests(ReferenceShops reference) : IClassFixture<ReferenceShops>, IAsyncLifetime
{
    private Azurite _azurite = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _directory = Directory.CreateTempSubdirectory("retention-reference-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<RetentionCli.Result> Run(params string[] arguments)
    {
        var result = await RetentionCli.RunAsync([.. arguments, "--storage", _azurite.ConnectionString, "--settings", Path.Combine(_directory, "local.settings.json")]);
        Assert.True(result.ExitCode == 0, $"retention {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public async Task Imported_as_a_real_shop_its_stored_snapshot_matches_sql_over_the_same_file(string name)
    {
        var shop = reference[name];
        var csv = Path.Combine(_directory, name + ".csv");
        var text = new StringBuilder("customer_id,order_id,ordered_at,amount\n");
        foreach (var p in shop.History.Purchases)
            text.Append(p.CustomerKey).Append(',').Append(p.OrderId).Append(',').Append(p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(',').Append(p.NetAmount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        await File.WriteAllTextAsync(csv, text.ToString());
        var shopId = "ref-" + name;

        await Run("shops", "add", "--shop", shopId, "--timezone", "UTC", "--currency", "USD", "--churn-days", "90", "--gross-margin", "0.3");
        var imported = await Run("import", "--shop", shopId, "--format", "generic-csv", "--file", csv);
        Assert.Contains(shop.Rows.ToString("N0", CultureInfo.InvariantCulture), imported.Output);
        await Run("snapshot", "--shop", shopId, "--as-of", shop.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);
        var summary = await new SnapshotTable(storage).FindAsync(shopId, shop.AsOf, default);
        var totals = reference.Rows($"select count(distinct customer), count(*), sum(amount) from {name} where day <= {shop.AsOfSql}")[0];
        Assert.Equal((Convert.ToInt32(totals[0], CultureInfo.InvariantCulture), Convert.ToInt32(totals[1], CultureInfo.InvariantCulture), Convert.ToDecimal(totals[2], CultureInfo.InvariantCulture)),
            (summary!.Customers, summary.Orders, summary.NetRevenue));

        var cells = (await new SnapshotDayWriter(storage).ReadDayAsync(NightlyDatasets.Cohorts.Table, shopId, shop.AsOf, default))
            .Where(r => r.GetString("Period") == "month" && r.GetInt32("ActiveCustomers") > 0)
            .Select(r => $"{r.GetString("CohortStart")} {r.GetInt32("PeriodsSinceAcquisition")} {r.GetInt32("ActiveCustomers")} " +
                         decimal.Parse(r.GetString("NetRevenue"), CultureInfo.InvariantCulture).ToString("F2", CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal).ToList();
        var sql = reference.Rows($"""
            with p as (select customer, day, amount from {name} where day <= {shop.AsOfSql}),
                 f as (select customer, min(date_trunc('month', day)) as cohort from p group by customer)
            select strftime(f.cohort, '%Y-%m-%d'), datediff('month', f.cohort, date_trunc('month', p.day)), count(distinct p.customer), sum(p.amount)
            from p join f using (customer) group by all
            """)
            .Select(r => $"{r[0]} {Convert.ToInt32(r[1], CultureInfo.InvariantCulture)} {Convert.ToInt32(r[2], CultureInfo.InvariantCulture)} {Convert.ToDecimal(r[3], CultureInfo.InvariantCulture).ToString("F2", CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(sql.Count > 10, "the reference triangle should have cells");
        Assert.Equal(sql, cells);

        var segments = await new SnapshotDayWriter(storage).ReadDayAsync(NightlyDatasets.RfmSegments.Table, shopId, shop.AsOf, default);
        Assert.Equal(summary.Customers, segments.Sum(r => r.GetInt32("Customers")));
    }
}
