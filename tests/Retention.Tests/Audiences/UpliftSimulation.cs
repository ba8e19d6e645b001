using System.Globalization;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Uplift;
using Retention.Core.Ledger;

namespace Retention.Tests.Audiences;

/// <summary>
/// A shop simulated night by night, in memory, through the real <see cref="AudienceNight.Compute"/> and
/// <see cref="AudienceUplift.Measure(DateOnly, string, IReadOnlyList{AudienceStay}, HoldoutAssignment, IEnumerable{CustomerPurchases}, decimal?, decimal?)"/>,
/// with a known effect of contacting an audience's treated arm.
/// <list type="bullet">
/// <item>Customers: <see cref="Customers"/> of them, each placing a first order on a day drawn uniformly from
/// <see cref="FirstJoinOffset"/> to <see cref="LastJoinOffset"/> days around the first night; a night knows only the
/// customers who ordered by its day.</item>
/// <item>The audience: <c>days_since_last_order&gt;=30</c>, a shop's own, so a customer enters on the night their
/// 30th day without an order comes, leaves on the night they order again, and may come back 30 days later.</item>
/// <item>Treatment: every member the night lists as entered opens a 30-day window, days (entry, entry + 30]. In it the
/// customer orders exactly once with probability <c>treatedShare</c> in the treated arm (the members a shop
/// contacts) or <c>controlShare</c> in the control arm, on a day drawn uniformly from the window, and otherwise not
/// at all. So the share who order again within 30 days of entering is exactly that probability per arm, and the true
/// 30-day uplift is <c>treatedShare − controlShare</c>.</item>
/// <item>Background: outside every window, any customer who has ordered orders on any day with probability
/// <see cref="BackgroundDailyOrderChance"/>, the same in both arms.</item>
/// <item>Causality: each night first places the purchases of its own day, then builds the customers from their
/// purchases up to that day, then computes the audience from the stays of the night before; the windows opened by
/// tonight's entrants are drawn after. A purchase on day d is known to nights d and later only, and membership on later
/// nights follows it (a reorder takes the customer out, 30 quiet days bring them back in).</item>
/// <item>Measured on the last night, from the stays and purchases as they stand then. The holdout's salt is the seed's,
/// so every seed draws other arms as well as other purchases.</item>
/// </list>
/// The size is what keeps 40 shops within seconds on two cores (the holdout hashes every member every night): 2,000
/// customers over 90 nights give some 2,350 entries, and the pooled 30-day row counts the first 8 weekly cohorts, about
/// 850 members per arm with a control share of 0.5, far above the 30 members and 5 outcomes each way an interval needs.
/// </summary>
internal static class UpliftSimulation
{
    public const int Customers = 2_000;
    public const int Nights = 90;
    public const int FirstJoinOffset = -30;
    public const int LastJoinOffset = 29;
    public const int WindowDays = 30;
    public const double BackgroundDailyOrderChance = 0.01;
    public const decimal ControlShare = 0.5m;

    /// <summary>A Monday, so the entry cohorts' ISO weeks start with the first night.</summary>
    public static readonly DateOnly FirstNight = new(2025, 1, 6);

    /// <summary>A shop's own audience reads no baseline (only the built-in rules do), so the nights pass a fixed one
    /// rather than sort every customer's CLV each night for nothing.</summary>
    private static readonly AudienceBaseline Baseline = new(0m, null, AudienceBaseline.DefaultSecondOrderWindowDays);

    public static AudienceDefinition Audience { get; } =
        AudienceDefinition.Custom("test-audience", ["days_since_last_order>=30"]).Audience
        ?? throw new InvalidOperationException("the simulation's audience does not parse");

    /// <summary>One simulated shop after its last night.</summary>
    /// <param name="Rows">the audience's uplift rows measured on the last night.</param>
    /// <param name="Entries">entries over every night, re-entries included.</param>
    /// <param name="ReEntries">entries of customers who had been in the audience before.</param>
    /// <param name="Departures">members who left (ordered again) over every night.</param>
    public sealed record Result(int Seed, IReadOnlyList<AudienceUpliftRow> Rows, int Entries, int ReEntries, int Departures)
    {
        public AudienceUpliftRow Pooled(int window) => Rows.Single(r => r.Cohort == AudienceUpliftRow.AllCohorts && r.WindowDays == window);

        /// <summary>The pooled 30-day row in one line, for the assertions' messages.</summary>
        public string Summary()
        {
            var row = Pooled(WindowDays);
            var r = row.Reorders;
            return string.Create(CultureInfo.InvariantCulture,
                $"seed {Seed}: {row.Status}, treated {r?.TreatedReordered}/{row.TreatedMembers}, control {r?.ControlReordered}/{row.ControlMembers}, "
                + $"uplift {r?.Uplift} [{r?.UpliftLow}, {r?.UpliftHigh}], entries {Entries} (re-entries {ReEntries}), departures {Departures}");
        }
    }

    private sealed class Customer(string key, int joinDay)
    {
        public string Key { get; } = key;
        public int JoinDay { get; } = joinDay;
        public List<FacetedPurchase> Purchases { get; } = [];
        public decimal Clv { get; private set; }
        public int WindowEnd { get; set; } = int.MinValue;
        public int ResponseDay { get; set; } = int.MinValue;
        public bool Entered { get; set; }

        public int LastDay => Purchases[^1].Day;

        public void Buy(int day, decimal amount)
        {
            Purchases.Add(new FacetedPurchase(string.Create(CultureInfo.InvariantCulture, $"{Key}-{Purchases.Count}"), day, amount, default));
            Clv += amount;
        }

        public AudienceCustomer AsOf(int day)
        {
            var orders = Purchases.Count;
            var recency = day - LastDay;
            double? gap = orders >= 2 ? (double)(LastDay - Purchases[0].Day) / (orders - 1) : null;
            return new AudienceCustomer(Key, orders, recency, gap, recency >= 90, Clv, null, null, null, null, false);
        }
    }

    public static Result Run(int seed, double treatedShare, double controlShare)
    {
        var random = new Random(seed);
        var holdout = new HoldoutAssignment(string.Create(CultureInfo.InvariantCulture, $"simulation-{seed}"), ControlShare);
        var start = FirstNight.DayNumber;
        var customers = new Customer[Customers];
        for (var i = 0; i < customers.Length; i++)
        {
            customers[i] = new Customer(string.Create(CultureInfo.InvariantCulture, $"c:{i:D5}"),
                start + random.Next(FirstJoinOffset, LastJoinOffset + 1));
        }
        var byKey = customers.ToDictionary(c => c.Key, StringComparer.Ordinal);

        // The first orders before the first night, so the first night knows every customer who joined before it.
        foreach (var customer in customers.Where(c => c.JoinDay < start)) customer.Buy(customer.JoinDay, Amount(random));

        IReadOnlyList<AudienceStay> stays = [];
        int entries = 0, reEntries = 0, departures = 0;
        var asOf = FirstNight;
        var known = new List<AudienceCustomer>(Customers);
        for (var night = 0; night < Nights; night++)
        {
            var day = start + night;
            asOf = DateOnly.FromDayNumber(day);
            known.Clear();
            // Tonight's purchases first, then the customers as of tonight, in key order as the pipeline gives them.
            foreach (var customer in customers)
            {
                if (customer.JoinDay > day) continue;
                if (customer.JoinDay == day) customer.Buy(day, Amount(random));
                else if (day <= customer.WindowEnd)
                {
                    if (day == customer.ResponseDay) customer.Buy(day, Amount(random));
                }
                else if (random.NextDouble() < BackgroundDailyOrderChance) customer.Buy(day, Amount(random));
                known.Add(customer.AsOf(day));
            }

            // Then the audience against last night's stays; tonight's entrants draw their 30-day windows after it.
            var tonight = AudienceNight.Compute(asOf, [Audience], known, Baseline, stays, holdout);
            stays = tonight.Stays;
            var audience = tonight.Audiences[0];
            departures += audience.Left.Count;
            foreach (var member in audience.Entered)
            {
                var customer = byKey[member.CustomerKey];
                entries++;
                if (customer.Entered) reEntries++;
                customer.Entered = true;
                customer.WindowEnd = day + WindowDays;
                var share = member.Arm == HoldoutArm.Treated ? treatedShare : controlShare;
                customer.ResponseDay = random.NextDouble() < share ? day + random.Next(1, WindowDays + 1) : int.MinValue;
            }
        }

        var purchases = customers.Where(c => c.Purchases.Count > 0).Select(c => new CustomerPurchases(c.Key, c.Purchases)).ToList();
        var rows = AudienceUplift.Measure(asOf, Audience.Name, stays, holdout, purchases, null, null);
        return new Result(seed, rows, entries, reEntries, departures);
    }

    private static decimal Amount(Random random) => 20m + random.Next(0, 10_001) / 100m;
}
