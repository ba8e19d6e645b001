namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// The revenue side of a 90-day <see cref="AudienceUpliftRow"/>: each member's net revenue from the purchases in the
/// 90 days after the day they entered (the entry day itself excluded), per arm; the difference of the arms' means
/// with Welch's 95 % interval (<see cref="WelchInterval"/>); the incremental revenue, that difference × the treated
/// members (what contacting them brought that they would not have spent anyway); and the measured return on the
/// audience's spend.
/// <para>
/// The spend recorded for an audience pays for contacting its treated members (the control arm is not contacted), so
/// the row's share of it is the audience's spend × the row's treated members / every treated member the audience has
/// had up to the as-of day. The return is incremental gross margin / that spend:
/// <c>Roi = IncrementalRevenue × gross margin rate / Spend</c>, the same as the incremental margin per treated
/// member over the spend per treated member. 1 pays the spend back, above 1 is a gain, below 1 a loss (unlike the
/// monthly retention ROI of <c>RetentionCost</c>, which is (revenue − spend) / spend). Its interval is the incremental
/// revenue's, scaled by the same factor. Null without a gross margin rate or without spend.
/// </para>
/// Money per member and the incremental revenue are rounded to 4 decimals, the return to 6, half to even; the sums
/// are exact. Interval ends are null when the row is <see cref="UpliftStatus.TooFew"/>.
/// </summary>
/// <param name="TreatedRevenue">the treated members' net revenue in their 90 days, summed.</param>
/// <param name="ControlRevenue">the control members' net revenue in their 90 days, summed.</param>
/// <param name="IncrementalPerMember">TreatedPerMember − ControlPerMember, from the unrounded means; null when an arm is empty.</param>
/// <param name="IncrementalRevenue">IncrementalPerMember × treated members.</param>
/// <param name="GrossMarginRate">the rate the return was computed with; null when the shop has none.</param>
/// <param name="Spend">the row's share of the audience's spend; null when none is recorded.</param>
public sealed record RevenueUplift(
    decimal TreatedRevenue,
    decimal ControlRevenue,
    decimal? TreatedPerMember,
    decimal? ControlPerMember,
    decimal? IncrementalPerMember,
    decimal? IncrementalPerMemberLow,
    decimal? IncrementalPerMemberHigh,
    decimal? IncrementalRevenue,
    decimal? IncrementalRevenueLow,
    decimal? IncrementalRevenueHigh,
    decimal? GrossMarginRate,
    decimal? Spend,
    decimal? Roi,
    decimal? RoiLow,
    decimal? RoiHigh);
