namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// The reorder side of one <see cref="AudienceUpliftRow"/>: per arm, how many members ordered again within the row's
/// window of entering, their share, and the uplift treated − control with Newcombe's 95 % interval
/// (<see cref="NewcombeInterval"/>). Shares, uplift and its ends are rounded to 6 decimals, half to even.
/// </summary>
/// <param name="TreatedShare">TreatedReordered / treated members; null without treated members.</param>
/// <param name="ControlShare">ControlReordered / control members; null without control members.</param>
/// <param name="Uplift">TreatedShare − ControlShare, from the unrounded shares; null when an arm is empty.</param>
/// <param name="UpliftLow">the interval's lower end; null when the row is <see cref="UpliftStatus.TooFew"/>.</param>
/// <param name="UpliftHigh">the interval's upper end; null when the row is <see cref="UpliftStatus.TooFew"/>.</param>
public sealed record ReorderUplift(
    int TreatedReordered,
    int ControlReordered,
    decimal? TreatedShare,
    decimal? ControlShare,
    decimal? Uplift,
    decimal? UpliftLow,
    decimal? UpliftHigh);
