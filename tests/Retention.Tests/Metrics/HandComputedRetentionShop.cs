using Retention.Core.Metrics;

namespace Retention.Tests.Metrics;

/// <summary>
/// A small shop whose retention figures as of Wednesday 2025-03-12 were worked out by hand, with the churn
/// threshold set to N = 30 days and a gross margin rate of 0.40. Ten purchases of five customers:
/// <code>
/// A  a1 2024-12-30 (Mon, ISO 2025-W01)  70     A  a2 2025-01-20 (W04) 30     A  a3 2025-03-05 (W10) 20
/// B  b1 2025-01-06 (Mon, W02)          100     B  b2 2025-01-06 (W02) 20     B  b3 2025-02-10 (W07) 40
/// C  c1 2025-01-15 (W03)                50
/// D  d1 2025-02-03 (Mon, W06)           60     D  d2 2025-03-11 (W11) 40
/// E  e1 2025-03-12 (W11, the as-of day) 25
/// </code>
/// Per customer: A 120 in 3 orders, B 160 in 3 (two on one day), C 50 in 1, D 100 in 2, E 25 in 1; total 455 in 10.
/// Gaps between purchase days: A 21 (12-30→01-20) and 44 (01-20→03-05), B 35 (01-06→02-10; b1/b2 same day: no gap),
/// D 36 (02-03→03-11): 4 gaps, 136 days.
///
/// Monthly cohort triangle (March is partial: it ends after 03-12):
/// <code>
/// Dec-24 size 1 (A)    k0 Dec: 1 cust, 70 (share 1, rev 1)  k1 Jan: 1, 30 (1, 30/70=0.428571)  k2 Feb: 0, 0  k3 Mar: 1, 20 (1, 0.285714) partial
/// Jan-25 size 2 (B C)  k0 Jan: 2, 170 (1, 1)               k1 Feb: 1 (B), 40 (0.5, 40/170=0.235294)  k2 Mar: 0, 0 partial
/// Feb-25 size 1 (D)    k0 Feb: 1, 60                       k1 Mar: 1, 40 (1, 40/60=0.666667) partial
/// Mar-25 size 1 (E)    k0 Mar: 1, 25 partial
/// </code>
/// Weekly cohorts (Monday starts; the as-of week 03-10..03-16 = k of W11 is partial); weeks nobody started in have no row:
/// <code>
/// W01 2024-12-30 A: 11 cells k0..k10; k0 1/70, k3 (W04) 1/30 rev 0.428571, k9 (W10) 1/20 rev 0.285714, others 0
/// W02 2025-01-06 B: 10 cells; k0 1/120, k5 (W07) 1/40 rev 0.333333
/// W03 2025-01-13 C:  9 cells; k0 1/50
/// W06 2025-02-03 D:  6 cells; k0 1/60, k5 (W11) 1/40 rev 0.666667 partial
/// W11 2025-03-10 E:  1 cell;  k0 1/25 partial
/// </code>
///
/// Churn with N = 30: a customer churns on (last purchase day + 30) unless they buy again by then.
/// A: 01-20+30 = 02-19 (next purchase 03-05, later) → churns 02-19, back 03-05; active on 03-12 (7 days).
/// B: 01-06+30 = 02-05 → churns 02-05, back 02-10; 02-10+30 = 03-12 ≤ as-of → churned again on 03-12.
/// C: 01-15+30 = 02-14 → churned.   D: 02-03+30 = 03-05 → churns, back 03-11; active.   E: active.
/// Now: active A D E = 3, churned B C = 2. Lost revenue = net revenue in the 365 days ending on the last purchase.
/// <code>
/// month   start new react churned              end  churn rate  lost revenue              retention (E−N)/S
/// Dec-24    0    1 (A)  0  0                    1    null        0                         null
/// Jan-25    1    2 (BC) 0  0                    3    0           0                         (3−2)/1 = 1
/// Feb-25    3    1 (D)  1 (B) 3 (B 02-05, C 02-14, A 02-19)  2 (B D)  1  B 120 + C 50 + A 100 = 270  (2−1)/3 = 0.333333
/// Mar-25    2    1 (E)  2 (A D) 2 (D 03-05, B 03-12)  3 (A D E)  1  D 60 + B (120+40) = 220  (3−1)/2 = 1
/// </code>
/// Threshold: set (30), 4 gaps, too few (&lt; 20) for a percentile; without the setting it is the fallback, 90.
///
/// Purchase behaviour (repeat = 2+ orders in the period; gaps counted in the month they end):
/// <code>
/// period    customers new ret repeat orders revenue  repeat rate  frequency  AOV      gaps  avg days
/// lifetime  5         5   0   3 (ABD) 10    455      0.6          2          45.5     4     34
/// Dec-24    1 (A)     1   0   0      1      70       0            1          70       0     null
/// Jan-25    3 (ABC)   2   1   1 (B)  4      200      0.333333     1.333333   50       1     21
/// Feb-25    2 (BD)    1   1   0      2      100      0            1          50       1     35
/// Mar-25    3 (ADE)   1   2   0      3      85       0            1          28.3333  2     40
/// </code>
/// Historic CLV (margin 0.40): A 120/48, B 160/64, C 50/20, D 100/40, E 25/10. Cohort averages: Dec 120/48,
/// Jan (160+50)/2 = 105/42, Feb 100/40, Mar 25/10. Key customers: the top ⌈5/10⌉ = 1: B (160, 64, 3 orders).
///
/// RFM as of 03-12, score = 1 + ⌊5 × (customers strictly worse) / 5⌋ = 1 + the number strictly worse:
/// <code>
///     recency  R   frequency  F (1,1 below none; 2: 2 below; 3: 3 below)  monetary  M   FM = ⌊(F+M)/2⌋  segment
/// A   7        3   3          4                                        120       4   4              R3 FM4 Loyal
/// B   30       2   3          4                                        160       5   4              R2 FM4 At risk
/// C   56       1   1          1                                        50        2   1              R1 FM1 Lost
/// D   1        4   2          3                                        100       3   3              R4 FM3 Potential loyalist
/// E   0        5   1          1                                        25        1   1              R5 FM1 New
/// </code>
/// </summary>
public static class HandComputedRetentionShop
{
    public static readonly DateOnly AsOf = new(2025, 3, 12);

    public static readonly RetentionSettings Settings = new(ChurnDays: 30, GrossMarginRate: 0.40m);

    public static IReadOnlyList<Purchase> Purchases { get; } =
    [
        // Deliberately not in key order: PurchaseHistory sorts.
        P("E", "e1", "2025-03-12", 25m),
        P("A", "a1", "2024-12-30", 70m),
        P("B", "b2", "2025-01-06", 20m),
        P("A", "a2", "2025-01-20", 30m),
        P("A", "a3", "2025-03-05", 20m),
        P("B", "b1", "2025-01-06", 100m),
        P("B", "b3", "2025-02-10", 40m),
        P("C", "c1", "2025-01-15", 50m),
        P("D", "d1", "2025-02-03", 60m),
        P("D", "d2", "2025-03-11", 40m),
    ];

    public static PurchaseHistory History() => PurchaseHistory.FromPurchases(AsOf, Purchases);

    public static Purchase P(string customer, string order, string day, decimal amount) =>
        new(customer, order, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), amount);

    public static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
}
