namespace Retention.Cli.Bench;

/// <summary>
/// What <c>retention bench nightly</c> has done so far, reported as it happens: a run takes minutes, and a reader wants
/// to see each size's runs as they finish, not only the figures at the end.
/// </summary>
public abstract record NightlyBenchStep
{
    private NightlyBenchStep()
    {
    }

    /// <summary>The machine the run is on.</summary>
    public sealed record Started(int Cores, Version Runtime, bool ServerGc) : NightlyBenchStep;

    /// <summary>A synthetic shop was generated: the default size, or twice its history when <paramref name="Doubled"/>.</summary>
    /// <param name="Runs">the nights about to be computed on it.</param>
    public sealed record ShopGenerated(bool Doubled, int Orders, int Customers, DateOnly From, DateOnly AsOf, int OrdersOnAsOfDay, TimeSpan Elapsed,
        int Runs) : NightlyBenchStep;

    /// <summary>The default size was generated again with lines, channels, codes and countries.</summary>
    public sealed record FacetsGenerated(int Orders, int Lines, TimeSpan Elapsed, int Runs) : NightlyBenchStep;

    /// <summary>A size's nights were computed in memory, each run timed by step.</summary>
    public sealed record NightsMeasured(int DayChanges, long LedgerBytes, TimeSpan Rebuild, IReadOnlyList<NightRun> Runs) : NightlyBenchStep;

    /// <summary>DuckDB is about to load the purchases and run the triangle SQL.</summary>
    public sealed record DuckDbStarted(int Purchases, int Runs) : NightlyBenchStep;

    /// <summary>DuckDB's load and queries were timed and its triangle compared with ours.</summary>
    public sealed record DuckDbMeasured(DuckDbFigures DuckDb, long PeakWorkingSetSoFar) : NightlyBenchStep;

    /// <summary>The bench shop for the nights from storage is registered and about to be stored.</summary>
    /// <param name="FewerThanOrders">the stored shop is smaller than the in-memory one (the default, for Azurite's sake).</param>
    public sealed record StorageStarted(string ShopId, int Orders, int Customers, int Concurrency, bool FewerThanOrders) : NightlyBenchStep;

    /// <summary>The history was stored and both nights computed from storage.</summary>
    public sealed record StorageMeasured(NightlyStorageBenchmark.Result Result) : NightlyBenchStep;

    /// <summary>The bench shop and its orders were removed from storage.</summary>
    public sealed record BenchShopRemoved(string ShopId, TimeSpan Elapsed) : NightlyBenchStep;
}
