namespace Retention.Cli.Bench;

/// <summary>What <c>retention bench import</c> is asked to measure; checked by the command before a run starts.</summary>
/// <param name="Orders">orders in the generated generic-csv history.</param>
/// <param name="Seed">seed of the generated history.</param>
/// <param name="Concurrency">table batches in flight, for the import and the raw rate alike.</param>
/// <param name="Keep">keep the bench shop and its orders afterwards.</param>
public sealed record ImportBenchOptions(int Orders, int Seed, int Concurrency, bool Keep);

/// <summary>What <c>retention bench import</c> measured: the import's rate beside the storage's plain table-batch rate.</summary>
/// <param name="Rows">rows the import read (all stored: a generated file has no row to skip).</param>
/// <param name="Raw">the same number of order-shaped rows as plain table batches, in the same run.</param>
public sealed record ImportBenchFigures(ImportBenchOptions Options, long Rows, TimeSpan Elapsed, TableBatchRate Raw)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>What <c>retention bench import</c> has done so far, reported as it happens.</summary>
public abstract record ImportBenchStep
{
    private ImportBenchStep()
    {
    }

    /// <summary>The history file was written.</summary>
    public sealed record FileGenerated(int Orders, long Bytes, string Path) : ImportBenchStep;

    /// <summary>The plain table-batch rate is about to be measured, on a scratch table dropped before the import starts.</summary>
    public sealed record RawStarted(int Orders, int Concurrency) : ImportBenchStep;

    /// <summary>The bench shop is registered and the file about to be imported into it.</summary>
    public sealed record ImportStarted(string ShopId) : ImportBenchStep;

    /// <summary>The bench shop and its orders were removed from storage.</summary>
    public sealed record BenchShopRemoved(string ShopId, TimeSpan Elapsed) : ImportBenchStep;
}
