namespace Retention.Core.Audiences;

/// <summary>
/// One customer as the audiences read them: the columns the night already computes (<c>docs/audiences.md</c>,
/// "Fields"), nothing personal. The first order's products, categories, channel and country are filled only when a
/// shop's own audience filters on them (<see cref="AudienceCustomers"/>), since reading them costs a pass over the ledger.
/// </summary>
/// <param name="CustomerKey">the pipeline's key: <c>c:{platform id}</c> or <c>e:{salted e-mail hash}</c> for a guest.</param>
/// <param name="UsualGapDays">the customer's average days between orders (first to last over orders − 1); null with one order.</param>
/// <param name="ChurnRisk">low, medium or high; null when the night has no forecast.</param>
public sealed record AudienceCustomer(
    string CustomerKey,
    int Orders,
    int DaysSinceLastOrder,
    double? UsualGapDays,
    bool Churned,
    decimal HistoricClv,
    double? PredictedClv,
    double? ProbabilityAlive,
    string? ChurnRisk,
    string? Segment,
    bool KeyCustomer)
{
    public IReadOnlyList<string> FirstProducts { get; init; } = [];
    public IReadOnlyList<string> FirstCategories { get; init; } = [];
    public string? FirstChannel { get; init; }
    public string? Country { get; init; }

    /// <summary>The platform's own customer id, what a shop's tools know the customer by; null for a guest.</summary>
    public string? PlatformCustomerId => Customers.CustomerKey.PlatformIdOf(CustomerKey);

    /// <summary>The salted e-mail hash a guest is known by (<c>retention customers match</c> turns it back locally); null otherwise.</summary>
    public string? EmailHash => Customers.CustomerKey.EmailHashOf(CustomerKey);
}
