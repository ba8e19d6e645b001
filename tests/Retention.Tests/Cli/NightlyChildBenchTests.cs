using System.Diagnostics;
using Retention.Cli.Bench;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention bench nightly</c>'s child-process path on a small shop: the night runs in a real <c>retention</c> process that
/// prints its own peak working set, and DuckDB's figures equal ours. Only that is asserted; the bench's times and sizes are
/// for reading, never targets of a test.
/// </summary>
[Collection(CpuHeavy.Name)]
public class NightlyChildBenchTests
{
    [Fact]
    public async Task The_night_runs_in_a_child_that_prints_its_peak_and_DuckDB_computes_the_same_figures()
    {
        var options = new NightlyBenchOptions(Orders: 20_000, Customers: 4_000, Seed: 7, Years: 2, Runs: 1, Doubling: false, FromStorage: false,
            StorageOrders: 1, Concurrency: 1, Keep: false);
        var progress = new List<string>();

        var figures = await new NightlyChildBench(options, progress.Add, ChildOfTheBuiltCli).RunAsync(CancellationToken.None);

        var child = figures.Night.Child;
        Assert.True(child.PeakWorkingSet > 0, "the child should print its peak working set");
        Assert.True(child.HeapPeak > 0 && child.Allocated > 0);
        Assert.Equal(20_000, child.LedgerOrders + figures.Night.OrdersOnAsOfDay);
        Assert.True(child.Purchases > 0 && child.Customers > 0 && child.ExportFiles > 0);
        // Twice the history is the same child again; left out here, as the small shop's forecast alone takes a minute on a busy machine.
        Assert.Null(figures.Doubled);

        Assert.True(figures.DuckDb.AllEqual, string.Join("; ", figures.DuckDb.Comparisons.Where(c => !c.Equal).Select(c => $"{c.Figure}: {c.FirstDifference}")));
        Assert.Equal(7, figures.DuckDb.Comparisons.Count);
        Assert.All(figures.DuckDb.Comparisons, c => Assert.True(c.Values > 0, $"{c.Figure} compared nothing"));

        using var output = new StringWriter();
        new NightlyBenchPrinter(output).Write(figures);
        var text = output.ToString();
        foreach (var row in new[] { "the night's peak working set (child)", "per customer / per order", "the night's time (child)",
                     "DuckDB computes the same figures", "ours / DuckDB" })
            Assert.Contains(row, text);
    }

    private static ProcessStartInfo ChildOfTheBuiltCli(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(RetentionCli.DllPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
