namespace Retention.Cli.Bench;

/// <summary>What <c>retention bench nightly</c> is asked to measure; checked by the command before a run starts.</summary>
/// <param name="Orders">orders of the synthetic shop.</param>
/// <param name="Customers">customers of the synthetic shop.</param>
/// <param name="Seed">seed of the synthetic shop: the same options give the same orders.</param>
/// <param name="Years">years of history up to the as-of day.</param>
/// <param name="Runs">computations per size: the first is the cold one, the median is over the rest.</param>
/// <param name="Doubling">also run on twice the history (twice the years, orders and customers).</param>
/// <param name="FromStorage">also store a smaller shop in the configured storage and time two nights end to end.</param>
/// <param name="StorageOrders">orders of the <paramref name="FromStorage"/> shop (customers in the same ratio).</param>
/// <param name="Concurrency">table batches in flight when storing.</param>
/// <param name="Keep">keep the <paramref name="FromStorage"/> bench shop and its orders afterwards.</param>
public sealed record NightlyBenchOptions(int Orders, int Customers, int Seed, int Years, int Runs, bool Doubling, bool FromStorage,
    int StorageOrders, int Concurrency, bool Keep);
