using Retention.Tests.Support;
using Retention.Cli.Bench;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention bench nightly</c>'s runner and printer, small and in memory: the figures come back as data (DuckDB's
/// triangle checked against ours without reading any console) and the printer writes every row from them. Timings are
/// the bench's to print, never asserted.
/// </summary>
[Collection(CpuHeavy.Name)]
public class NightlyBenchTests
{
    [Fact]
    public async Task A_small_run_returns_its_figures_and_the_printer_writes_every_row()
    {
        var options = new NightlyBenchOptions(Orders: 2_000, Customers: 400, Seed: 7, Years: 1, Runs: 2, Doubling: true, FromStorage: false,
            StorageOrders: 1, Concurrency: 1, Keep: false);
        var steps = new List<NightlyBenchStep>();

        var figures = await new NightlyBench(options, storage: null, steps.Add).RunAsync(CancellationToken.None);

        Assert.True(figures.DuckDb.EqualsOurs, figures.DuckDb.FirstDifference);
        Assert.True(figures.DuckDb.Cells > 0);
        Assert.Equal(4_000, figures.Doubled?.Orders);
        Assert.Null(figures.FromStorage);
        // The default size, the same orders with lines, channels, codes and countries, and twice the history.
        Assert.Equal(3, steps.OfType<NightlyBenchStep.NightsMeasured>().Count());
        var facets = Assert.Single(steps.OfType<NightlyBenchStep.FacetsGenerated>());
        Assert.InRange(facets.Lines / (double)facets.Orders, 2.3, 2.7);
        Assert.NotNull(figures.WithFacets);
        Assert.True(figures.WithFacets.LedgerBytes > figures.Night.LedgerBytes, "the ledger with lines should be larger");
        Assert.All(steps.OfType<NightlyBenchStep.NightsMeasured>(), measured => Assert.Equal(2, measured.Runs.Count));

        using var output = new StringWriter();
        var printer = new NightlyBenchPrinter(output);
        foreach (var step in steps) printer.Write(step);
        printer.Write(figures);
        var text = output.ToString();
        foreach (var row in new[] { "bench nightly: 2,000 orders / 400 customers over 1 years", "compute alone, median of 1", "DuckDB triangle equals ours",
                     "history doubled: 4,000 orders", "growth with twice the history", "the same orders with lines",
                     "whole night with lines, channels, codes", "heap peak above the orders, with them", "process peak working set", "bench wall time" })
            Assert.Contains(row, text);
        Assert.DoesNotContain("from storage", text);
    }
}
