namespace Retention.Cli.Bench;

/// <summary>
/// What <c>retention bench nightly</c> measured, for a printer to show or a caller to compare: the default size in memory
/// beside DuckDB, twice the history when it ran, and the nights from storage when asked for.
/// </summary>
/// <param name="Purchases">purchases in the default size's history as of <paramref name="AsOf"/> (what DuckDB was given).</param>
/// <param name="OrdersOnAsOfDay">orders placed on the as-of day in the default size.</param>
/// <param name="PeakWorkingSet">the process's peak working set at the end of the run.</param>
/// <param name="WallTime">the whole run, generation and clean-up included.</param>
public sealed record NightlyBenchFigures(
    NightlyBenchOptions Options,
    int Cores,
    DateOnly AsOf,
    int Purchases,
    int OrdersOnAsOfDay,
    NightInMemoryFigures Night,
    CohortTriangleFigures CohortsAlone,
    DuckDbFigures DuckDb,
    DoubledHistoryFigures? Doubled,
    NightlyStorageBenchmark.Result? FromStorage,
    long PeakWorkingSet,
    TimeSpan WallTime)
{
    /// <summary>The default size again with lines, channels, codes and countries: the night with the dimension figures.</summary>
    public NightInMemoryFigures? WithFacets { get; init; }
}

/// <summary>The night in memory on the default size: medians over the warm runs, the cold run's compute, the ledger.</summary>
/// <param name="HeapPeakAbove">the highest managed heap of any run above the heap before it.</param>
/// <param name="Rebuild">a first night's ledger built from every order.</param>
public sealed record NightInMemoryFigures(TimeSpan Median, TimeSpan ReadMedian, TimeSpan FoldMedian, TimeSpan ComputeMedian, TimeSpan WriteMedian,
    TimeSpan ComputeCold, long AllocatedMedian, long HeapPeakAbove, long LedgerBytes, TimeSpan Rebuild);

/// <summary>Our monthly cohort triangle alone, from the purchase history: the part DuckDB computes too.</summary>
public sealed record CohortTriangleFigures(TimeSpan Cold, TimeSpan Median);

/// <summary>DuckDB on the same purchases: the appender's load, the triangle SQL, and whether its cells equal ours.</summary>
/// <param name="Cells">cells compared (all of ours when equal; up to the first difference otherwise).</param>
public sealed record DuckDbFigures(TimeSpan Load, TimeSpan QueryCold, TimeSpan QueryMedian, bool EqualsOurs, int Cells, string? FirstDifference);

/// <summary>The night in memory on twice the history, as many orders on the as-of day.</summary>
public sealed record DoubledHistoryFigures(int Orders, TimeSpan Median, TimeSpan ComputeMedian, long HeapPeakAbove, int OrdersOnAsOfDay);
