using System.Runtime.CompilerServices;
using Retention.Core.Datasets;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;
using Retention.Tests.Reports;

namespace Retention.Tests.Nightly;

/// <summary>The night in two steps: what it reads of the ledger, then the forecast and the rest without the ledger.</summary>
public class LedgerFiguresTests
{
    private static readonly Retention.Core.Shops.Shop Shop = ReportTestShop.Shop("ledger-figures");

    [Fact]
    public void What_the_night_reads_of_the_ledger_lets_the_ledger_go()
    {
        var (read, ledger) = ReadLedger();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The forecast and the rest of the figures run with the ledger collected: what they need was taken from it.
        Assert.False(ledger.IsAlive);
        var night = NightlyFigures.ComputeFrom(Shop, read, new Dictionary<DateOnly, decimal>(), []);
        Assert.True(night.Forecast.Customers.Count > 0);
        GC.KeepAlive(read);
    }

    [Fact]
    public void The_two_steps_give_every_dataset_of_the_one_step_night_value_for_value()
    {
        var orders = ReportTestShop.Orders(Shop.Id);
        var answers = ReportTestShop.Answers(Shop.Id, orders);
        var whole = NightlyFigures.Compute(Shop, OrderLedger.Build(Shop, orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), answers,
            ReportTestShop.AsOf);
        var read = LedgerFigures.Of(Shop, OrderLedger.Build(Shop, orders), ProductCatalog.Empty, ReportTestShop.AsOf);
        var split = NightlyFigures.ComputeFrom(Shop, read, new Dictionary<DateOnly, decimal>(), answers);

        var expected = NightlyDatasets.RowsOf(whole);
        var actual = NightlyDatasets.RowsOf(split);
        Assert.Equal(expected.Select(d => d.Name), actual.Select(d => d.Name));
        // The predicted CLV by first-purchase value is the part added after the ledger's pass.
        Assert.Contains(split.Dimensions.Cohorts, c => c.AveragePredictedClv is not null);
        foreach (var (want, got) in expected.Zip(actual))
            Assert.Equal(want.Rows.Select(r => string.Join('|', r)), got.Rows.Select(r => string.Join('|', r)));
    }

    [Fact]
    public void The_dimension_counts_take_the_predictions_once()
    {
        var read = LedgerFigures.Of(Shop, OrderLedger.Build(Shop, ReportTestShop.Orders(Shop.Id)), ProductCatalog.Empty, ReportTestShop.AsOf);
        NightlyFigures.ComputeFrom(Shop, read, new Dictionary<DateOnly, decimal>(), []);

        // A second night from the same counts would add every predicted CLV twice.
        Assert.Throws<InvalidOperationException>(() => read.Dimensions.WithPredictions([]));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (LedgerFigures Read, WeakReference Ledger) ReadLedger()
    {
        var ledger = OrderLedger.Build(Shop, ReportTestShop.Orders(Shop.Id));
        return (LedgerFigures.Of(Shop, ledger, ProductCatalog.Empty, ReportTestShop.AsOf), new WeakReference(ledger));
    }
}
