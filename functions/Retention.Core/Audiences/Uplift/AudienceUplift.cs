using System.Globalization;
using Retention.Core.Ledger;
using Retention.Core.Metrics;

namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// The measured uplift of one audience: what contacting its treated members changed against the control arm held out
/// of every contact, read from the randomised holdout (<see cref="HoldoutAssignment"/>).
/// <list type="bullet">
/// <item>Intention to treat: each customer counts once, in the arm the holdout gives them, from their first entry into
/// the audience (the earliest <see cref="AudienceStay.EnteredOn"/>), whatever happened after: leaving the audience,
/// coming back, being contacted or not. Counting a re-entry again, or dropping leavers, would let what the contact
/// itself did decide who is counted. A member the purchases do not know (an erased customer) counts as one who did not
/// order again and spent nothing.</item>
/// <item>Entry cohorts: members grouped by the ISO week (Monday to Sunday) of their first entry.</item>
/// <item>Windows: a member reordered within w days (w = 30, 60, 90) when they have a purchase on a day in
/// (entry day, entry day + w]: the entry day itself is excluded, so the purchase that put them in the audience (or
/// any other that day, before or after the contact) does not count.</item>
/// <item>Old enough: a cohort is measured for w once the as-of day is on or after its last member's entry day + w, so
/// every member has had the full window; until then its row says "too early (measurable on …)" with the members so
/// far and no figures.</item>
/// <item>Revenue: each member's net revenue from the purchases in (entry day, entry day + 90], on the 90-day rows.</item>
/// <item>Too few: a 95 % interval is shown only when each arm has at least 30 members and, in the row's window, at
/// least 5 members who ordered again and 5 who did not; below that the normal approximations behind the intervals do
/// not hold well enough to trust the coverage. The row then says so with the numbers
/// (<see cref="UpliftStatus.TooFew"/>) and keeps its point estimates (shares, uplift, revenue per member, incremental
/// revenue, return), withholding every interval: an estimate without its uncertainty is still a fact about the
/// members, but an interval that does not cover what it says would not be.</item>
/// <item>Pooled: for each window, a row "all" pools the members of every cohort measured for that window (so it adds
/// up with the cohort rows); the arms stay randomised when pooled, since the holdout ignores the entry day. The rows
/// come pooled first (30, 60, 90), then each cohort oldest first, windows in order.</item>
/// </list>
/// The formulas of the intervals are on <see cref="NewcombeInterval"/> (uplift) and <see cref="WelchInterval"/>
/// (revenue), the return on <see cref="RevenueUplift"/>. Pure: no clock, no I/O; the same input gives the same rows.
/// </summary>
public static class AudienceUplift
{
    public const int RevenueWindowDays = 90;
    public const int MinimumMembersPerArm = 30;
    public const int MinimumOutcomesPerArm = 5;

    public static IReadOnlyList<int> WindowDays { get; } = [30, 60, RevenueWindowDays];

    /// <inheritdoc cref="Measure(DateOnly, string, IReadOnlyList{AudienceStay}, Func{string, HoldoutArm}, IEnumerable{CustomerPurchases}, decimal?, decimal?)"/>
    public static IReadOnlyList<AudienceUpliftRow> Measure(DateOnly asOf, string audience, IReadOnlyList<AudienceStay> stays,
        HoldoutAssignment holdout, IEnumerable<CustomerPurchases> customers, decimal? grossMarginRate, decimal? spend)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        return Measure(asOf, audience, stays, key => holdout.ArmOf(audience, key), customers, grossMarginRate, spend);
    }

    /// <param name="asOf">the night's day: entries after it are ignored, and it decides which cohorts are old enough.</param>
    /// <param name="stays">the shop's stays, every audience's; only <paramref name="audience"/>'s are read.</param>
    /// <param name="armOf">the arm of a customer key in this audience.</param>
    /// <param name="customers">each customer's purchases as of the day (any order; customers outside the audience are skipped).</param>
    /// <param name="grossMarginRate">gross margin as a share of net revenue, 0 … 1; null: no return.</param>
    /// <param name="spend">the total spend recorded for the audience, at least 0; null or 0: no return.</param>
    /// <returns>no rows for an audience nobody has entered yet.</returns>
    public static IReadOnlyList<AudienceUpliftRow> Measure(DateOnly asOf, string audience, IReadOnlyList<AudienceStay> stays,
        Func<string, HoldoutArm> armOf, IEnumerable<CustomerPurchases> customers, decimal? grossMarginRate, decimal? spend)
    {
        ArgumentNullException.ThrowIfNull(stays);
        ArgumentNullException.ThrowIfNull(armOf);
        ArgumentNullException.ThrowIfNull(customers);
        if (grossMarginRate is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(grossMarginRate), grossMarginRate, "the gross margin rate is a share of revenue, between 0 and 1");
        if (spend is < 0m) throw new ArgumentOutOfRangeException(nameof(spend), spend, "the spend must not be negative");

        var firstEntry = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stay in stays)
        {
            if (stay.Audience != audience || stay.EnteredOn > asOf) continue;
            var day = stay.EnteredOn.DayNumber;
            if (!firstEntry.TryGetValue(stay.CustomerKey, out var first) || day < first) firstEntry[stay.CustomerKey] = day;
        }
        if (firstEntry.Count == 0) return [];

        var outcomes = Outcomes(asOf, firstEntry, customers);
        var members = firstEntry.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new Member(armOf(e.Key), e.Value, outcomes.GetValueOrDefault(e.Key)))
            .ToArray();
        var treatedEver = members.Count(m => m.Arm == HoldoutArm.Treated);
        decimal? spendPerTreated = spend is > 0m && treatedEver > 0 ? spend.Value / treatedEver : null;

        var cohorts = members.GroupBy(m => CalendarPeriods.WeekIndex(m.EnteredDay)).OrderBy(g => g.Key)
            .Select(g => (Week: g.Key, LastEntry: g.Max(m => m.EnteredDay), Members: g.ToArray()))
            .ToArray();
        var rows = new List<AudienceUpliftRow>((cohorts.Length + 1) * WindowDays.Count);
        foreach (var window in WindowDays)
        {
            var measured = cohorts.Where(c => asOf.DayNumber >= c.LastEntry + window).ToArray();
            var firstMeasurable = cohorts.Min(c => c.LastEntry) + window;
            // Before any cohort is old enough, the pooled row counts everyone so far, like a too-early cohort row.
            var pooled = measured.Length == 0 ? members : [.. measured.SelectMany(c => c.Members)];
            rows.Add(Row(asOf, audience, AudienceUpliftRow.AllCohorts, null, window, firstMeasurable, pooled, grossMarginRate, spendPerTreated));
        }
        foreach (var (week, lastEntry, cohortMembers) in cohorts)
        {
            foreach (var window in WindowDays)
            {
                rows.Add(Row(asOf, audience, CalendarPeriods.Label(CohortPeriod.Week, week), CalendarPeriods.WeekStart(week), window,
                    lastEntry + window, cohortMembers, grossMarginRate, spendPerTreated));
            }
        }
        return rows;
    }

    /// <summary>What one member did after entering: days from the entry day to the first later purchase, and the 90-day revenue.</summary>
    private readonly record struct Outcome(int? ReorderAfterDays, decimal Revenue);

    private readonly record struct Member(HoldoutArm Arm, int EnteredDay, Outcome Outcome)
    {
        public bool ReorderedWithin(int window) => Outcome.ReorderAfterDays <= window;
    }

    private static Dictionary<string, Outcome> Outcomes(DateOnly asOf, Dictionary<string, int> firstEntry, IEnumerable<CustomerPurchases> customers)
    {
        var outcomes = new Dictionary<string, Outcome>(firstEntry.Count, StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            if (!firstEntry.TryGetValue(customer.CustomerKey, out var entered)) continue;
            int? reorder = null;
            var revenue = 0m;
            // Purchases come in day order: the first after the entry day is the reorder; the ones up to 90 days after, the revenue.
            foreach (var purchase in customer.Purchases)
            {
                if (purchase.Day <= entered) continue;
                if (purchase.Day > asOf.DayNumber || purchase.Day > entered + RevenueWindowDays) break;
                reorder ??= purchase.Day - entered;
                revenue += purchase.NetAmount;
            }
            outcomes[customer.CustomerKey] = new Outcome(reorder, revenue);
        }
        return outcomes;
    }

    private static AudienceUpliftRow Row(DateOnly asOf, string audience, string cohort, DateOnly? cohortStart, int window, int measurableDay,
        IReadOnlyList<Member> members, decimal? grossMarginRate, decimal? spendPerTreated)
    {
        int treated = 0, control = 0, treatedReordered = 0, controlReordered = 0;
        foreach (var member in members)
        {
            var reordered = member.ReorderedWithin(window) ? 1 : 0;
            if (member.Arm == HoldoutArm.Treated) (treated, treatedReordered) = (treated + 1, treatedReordered + reordered);
            else (control, controlReordered) = (control + 1, controlReordered + reordered);
        }
        var measurableOn = DateOnly.FromDayNumber(measurableDay);
        if (asOf < measurableOn)
        {
            var early = string.Create(CultureInfo.InvariantCulture, $"too early (measurable on {measurableOn:yyyy-MM-dd})");
            return new AudienceUpliftRow(audience, cohort, cohortStart, window, UpliftStatus.TooEarly, early, measurableOn, treated, control, null, null);
        }

        var problem = TooFew(window, treated, treatedReordered, control, controlReordered);
        (double Low, double High)? interval = problem is null ? NewcombeInterval.Difference(treatedReordered, treated, controlReordered, control) : null;
        decimal? uplift = treated > 0 && control > 0 ? Math.Round((decimal)treatedReordered / treated - (decimal)controlReordered / control, 6) : null;
        var reorders = new ReorderUplift(treatedReordered, controlReordered, Rate(treatedReordered, treated), Rate(controlReordered, control), uplift,
            Rate(interval?.Low), Rate(interval?.High));
        var revenue = window == RevenueWindowDays ? Revenue(members, treated, control, problem is null, grossMarginRate, spendPerTreated) : null;
        return new AudienceUpliftRow(audience, cohort, cohortStart, window, problem is null ? UpliftStatus.Measured : UpliftStatus.TooFew,
            problem ?? "measured", measurableOn, treated, control, reorders, revenue);
    }

    /// <returns>null when both arms are large enough for an interval; otherwise the verdict, naming each arm short of it and its numbers.</returns>
    private static string? TooFew(int window, int treated, int treatedReordered, int control, int controlReordered)
    {
        var small = new List<string>(2);
        if (treated < MinimumMembersPerArm) small.Add(string.Create(CultureInfo.InvariantCulture, $"treated has {treated} members"));
        if (control < MinimumMembersPerArm) small.Add(string.Create(CultureInfo.InvariantCulture, $"control has {control} members"));
        if (small.Count > 0)
            return string.Create(CultureInfo.InvariantCulture,
                $"too few members: {string.Join(" and ", small)}: at least {MinimumMembersPerArm} per arm are needed for an interval");

        var oneSided = new List<string>(2);
        if (Math.Min(treatedReordered, treated - treatedReordered) < MinimumOutcomesPerArm)
            oneSided.Add(string.Create(CultureInfo.InvariantCulture,
                $"treated has {treatedReordered} who ordered again within {window} days and {treated - treatedReordered} who did not"));
        if (Math.Min(controlReordered, control - controlReordered) < MinimumOutcomesPerArm)
            oneSided.Add(string.Create(CultureInfo.InvariantCulture,
                $"control has {controlReordered} who ordered again within {window} days and {control - controlReordered} who did not"));
        return oneSided.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"too few members: {string.Join(" and ", oneSided)}: at least {MinimumOutcomesPerArm} of each per arm are needed for an interval");
    }

    private static RevenueUplift Revenue(IReadOnlyList<Member> members, int treated, int control, bool withInterval, decimal? grossMarginRate,
        decimal? spendPerTreated)
    {
        var treatedRevenue = members.Where(m => m.Arm == HoldoutArm.Treated).Select(m => m.Outcome.Revenue).ToArray();
        var controlRevenue = members.Where(m => m.Arm == HoldoutArm.Control).Select(m => m.Outcome.Revenue).ToArray();
        decimal treatedSum = treatedRevenue.Sum(), controlSum = controlRevenue.Sum();
        decimal? difference = treated > 0 && control > 0 ? treatedSum / treated - controlSum / control : null;
        var welch = withInterval ? WelchInterval.Of(treatedRevenue, controlRevenue) : null;
        decimal? low = welch is null ? null : (decimal)welch.Low, high = welch is null ? null : (decimal)welch.High;

        // The row's share of the spend, and what turns incremental revenue into a return on it: margin / spend.
        decimal? spend = spendPerTreated * treated;
        decimal? factor = grossMarginRate is { } margin && spend is > 0m ? margin / spend.Value : null;
        return new RevenueUplift(treatedSum, controlSum, Money(treated == 0 ? null : treatedSum / treated), Money(control == 0 ? null : controlSum / control),
            Money(difference), Money(low), Money(high),
            Money(difference * treated), Money(low * treated), Money(high * treated),
            grossMarginRate, Money(spend),
            Rate(difference * treated * factor), Rate(low * treated * factor), Rate(high * treated * factor));
    }

    // As every figure (docs/metrics.md): rates (shares, the uplift, the return) to 6 decimals, money to 4, half to even.
    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 6);

    private static decimal? Rate(decimal? value) => value is { } v ? Math.Round(v, 6) : null;

    private static decimal? Rate(double? value) => value is { } v ? Math.Round((decimal)v, 6) : null;

    private static decimal? Money(decimal? value) => value is { } v ? Math.Round(v, 4) : null;
}
