namespace Retention.Core.Nightly;

/// <summary>
/// The night's largest structures become garbage at points the night knows: yesterday's ledger once the day is folded in
/// (or every order read, once a ledger is built from them), today's ledger once what the figures need is taken from it,
/// the purchases and the forecast's working arrays once the figures are made. Left to its own budgets the GC grew the
/// process past them before it collected them. bench night-child when this was added, the night's peak working set (MiB,
/// one to three runs each):
/// <list type="table">
/// <item><term>no collection</term><description>10,000,000 orders 1,902; 1,000,000 orders 282–293</description></item>
/// <item><term><see cref="Collect"/> at all three points</term><description>1,714 and 1,714; 274–278</description></item>
/// <item><term><see cref="Release"/> after the fold, <see cref="Collect"/> after</term><description>1,681 and 1,681; 247–254</description></item>
/// <item><term><see cref="Release"/> at all three points</term><description>1,670 and 1,720; 248–253, and the forecast slower by seconds
/// at 10,000,000 orders, having to take back from the system what it had just returned</description></item>
/// </list>
/// Each collection took 0.1–0.4 s at 10,000,000 orders (0.9–1.1 GiB live). A small shop's night is not worth a pause of
/// every other invocation in the process: below <see cref="WorthCollectingFrom"/> orders the GC's budgets are left to it.
/// </summary>
public static class NightMemory
{
    /// <summary>Orders from which the night collects: a ledger of 100,000 orders is about 9 MiB.</summary>
    public const int WorthCollectingFrom = 100_000;

    /// <summary>
    /// A full, blocking, compacting collection that also gives the freed memory back to the system: after the fold, when
    /// the whole of yesterday's ledger has just become garbage (at 10,000,000 orders the process went from 1,509 to 940 MiB).
    /// </summary>
    /// <param name="orders">the orders of the ledger let go.</param>
    public static void Release(int orders)
    {
        if (orders >= WorthCollectingFrom) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>A full, blocking, compacting collection that keeps the freed memory for the next step to reuse.</summary>
    /// <param name="orders">the orders of the night's ledger.</param>
    public static void Collect(int orders)
    {
        if (orders >= WorthCollectingFrom) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
