namespace Retention.Core.Metrics;

/// <summary>
/// What a shop can set that changes its retention figures (<c>docs/metrics.md</c>). Unset means "derive it
/// from the shop's own data" for the churn threshold and "not reported" for the margin.
/// </summary>
/// <param name="ChurnDays">A customer who has not bought for this many days is churned; overrides the derived threshold.</param>
/// <param name="GrossMarginRate">Gross margin as a share of net revenue (0.35 = 35 %), for the margin side of historic CLV.</param>
public sealed record RetentionSettings(int? ChurnDays = null, decimal? GrossMarginRate = null)
{
    public static RetentionSettings Default { get; } = new();

    /// <summary>Refuses settings no figure could mean, so a typo never turns into a plausible-looking snapshot.</summary>
    public RetentionSettings Validated()
    {
        if (ChurnDays is < 1) throw new ArgumentOutOfRangeException(nameof(ChurnDays), ChurnDays, "the churn threshold is at least one day");
        if (GrossMarginRate is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(GrossMarginRate), GrossMarginRate, "the gross margin rate is a share of revenue, between 0 and 1");
        return this;
    }
}
