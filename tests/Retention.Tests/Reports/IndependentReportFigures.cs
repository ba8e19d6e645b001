using Retention.Core.Orders;

namespace Retention.Tests.Reports;

/// <summary>
/// What the report must show, worked out again straight from <see cref="ReportTestShop"/>'s orders with the rules of
/// docs/metrics.md written out plainly (no Retention.Core figure code): the purchases, the monthly triangle's size,
/// the RFM segments, the top decile and the key customers at risk.
/// </summary>
internal sealed class IndependentReportFigures
{
    private sealed record Customer(string Key, int Orders, decimal Revenue, DateOnly First, DateOnly Last);

    // The segment grid of docs/metrics.md, rows R = 5 … 1, columns FM = 1 … 5.
    private static readonly string[,] Grid =
    {
        { "New", "PotentialLoyalist", "PotentialLoyalist", "Champions", "Champions" },
        { "Promising", "PotentialLoyalist", "PotentialLoyalist", "Loyal", "Loyal" },
        { "AboutToSleep", "AboutToSleep", "NeedAttention", "Loyal", "Loyal" },
        { "Hibernating", "Hibernating", "AtRisk", "AtRisk", "CantLoseThem" },
        { "Lost", "Hibernating", "AtRisk", "AtRisk", "CantLoseThem" },
    };

    private static readonly HashSet<string> RiskSegments = ["AtRisk", "CantLoseThem", "AboutToSleep", "Hibernating", "Lost"];

    private readonly List<Customer> _customers;
    private readonly Dictionary<string, string> _segments;
    private readonly DateOnly _asOf;

    public IndependentReportFigures(IEnumerable<NormalizedOrder> orders, DateOnly asOf)
    {
        _asOf = asOf;
        // Noon UTC orders: the local day is the UTC date. Not a purchase: test orders, and orders cancelled by the as-of day.
        _customers = orders
            .Where(o => !o.IsTest && !(o.Status == OrderStatus.Cancelled && DateOnly.FromDateTime(o.CancelledAt!.Value.UtcDateTime) <= asOf))
            .Select(o => (o.CustomerKey, Day: DateOnly.FromDateTime(o.OrderedAt.UtcDateTime), o.Total))
            .Where(p => p.Day <= asOf)
            .GroupBy(p => p.CustomerKey)
            .Select(g => new Customer(g.Key, g.Count(), g.Sum(p => p.Total), g.Min(p => p.Day), g.Max(p => p.Day)))
            .ToList();
        var n = _customers.Count;
        // Score = 1 + ⌊5 × (customers with a strictly worse value) / n⌋.
        int Score(Func<Customer, decimal> measure, Customer c) => 1 + 5 * _customers.Count(o => measure(o) < measure(c)) / n;
        _segments = _customers.ToDictionary(c => c.Key, c =>
        {
            var r = Score(x => x.Last.DayNumber, c);
            var fm = (Score(x => x.Orders, c) + Score(x => x.Revenue, c)) / 2;
            return Grid[5 - r, fm - 1];
        });
    }

    public int Customers => _customers.Count;

    /// <summary>Every cohort month with a customer has one cell per month from it to the as-of month.</summary>
    public int MonthlyTriangleCells => _customers.Select(c => new DateOnly(c.First.Year, c.First.Month, 1)).Distinct()
        .Sum(m => (_asOf.Year - m.Year) * 12 + _asOf.Month - m.Month + 1);

    public IReadOnlySet<string> SegmentsWithCustomers => _segments.Values.ToHashSet();

    /// <summary>The top ⌈n / 10⌉ by revenue (ties by key, ordinal) in a risk segment or silent for at least N days, by rank.</summary>
    public IReadOnlyList<string> KeyCustomersAtRisk(int churnDays) => _customers
        .OrderByDescending(c => c.Revenue).ThenBy(c => c.Key, StringComparer.Ordinal)
        .Take((_customers.Count + 9) / 10)
        .Where(c => RiskSegments.Contains(_segments[c.Key]) || _asOf.DayNumber - c.Last.DayNumber >= churnDays)
        .Select(c => c.Key)
        .ToList();
}
