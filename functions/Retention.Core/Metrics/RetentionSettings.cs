namespace Retention.Core.Metrics;

/// <summary>
/// What a shop can set that changes its retention figures (<c>docs/metrics.md</c>). Unset means "derive it
/// from the shop's own data" for the churn threshold and "not reported" for the margin.
/// </summary>
/// <param name="ChurnDays">A customer who has not bought for this many days is churned; overrides the derived threshold.</param>
/// <param name="GrossMarginRate">Gross margin as a share of net revenue (0.35 = 35 %), for the margin side of historic CLV.</param>
/// <param name="HoldoutShare">The share of the observed period the nightly forecast holds out to choose its model (default 0.25).</param>
/// <param name="MonthlyDiscountRate">The monthly rate predicted CLV is discounted at (default 0: undiscounted).</param>
/// <param name="ControlShare">The share of each audience held out as its control group (default 0.10; 0 holds none out).</param>
public sealed record RetentionSettings(int? ChurnDays = null, decimal? GrossMarginRate = null, decimal? HoldoutShare = null,
    decimal? MonthlyDiscountRate = null, decimal? ControlShare = null)
{
    public decimal AudienceControlShare => ControlShare ?? Audiences.HoldoutAssignment.DefaultControlShare;

    public const decimal DefaultHoldoutShare = 0.25m;

    public static RetentionSettings Default { get; } = new();

    /// <summary>Refuses settings no figure could mean, so a typo never turns into a plausible-looking snapshot.</summary>
    public RetentionSettings Validated()
    {
        if (ChurnDays is < 1) throw new ArgumentOutOfRangeException(nameof(ChurnDays), ChurnDays, "the churn threshold is at least one day");
        if (GrossMarginRate is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(GrossMarginRate), GrossMarginRate, "the gross margin rate is a share of revenue, between 0 and 1");
        if (HoldoutShare is <= 0m or >= 1m)
            throw new ArgumentOutOfRangeException(nameof(HoldoutShare), HoldoutShare, "the holdout share is a share of the observed period, above 0 and below 1");
        if (MonthlyDiscountRate is < 0m or >= 1m)
            throw new ArgumentOutOfRangeException(nameof(MonthlyDiscountRate), MonthlyDiscountRate, "the monthly discount rate is at least 0 and below 1");
        if (ControlShare is { } share && Audiences.HoldoutAssignment.ShareProblem(share) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(ControlShare), ControlShare, problem);
        return this;
    }
}
