namespace Retention.Core.Metrics;

/// <summary>The one entry point of the nightly retention figures: a shop's purchases and settings in, every figure out.</summary>
public static class RetentionMetrics
{
    public static RetentionFigures Compute(PurchaseHistory history, RetentionSettings settings)
    {
        settings.Validated();
        // The columnar copy is made once and shared: each figure is then one pass over arrays.
        var table = history.Table;
        var behaviour = PurchaseBehaviour.Compute(table);
        var churn = ChurnAnalysis.Compute(table, ChurnThreshold.For(table, settings.ChurnDays));
        return new RetentionFigures(
            history.AsOf,
            settings,
            behaviour.Lifetime,
            behaviour.Months,
            CohortMatrix.Compute(table, CohortPeriod.Month),
            CohortMatrix.Compute(table, CohortPeriod.Week),
            churn,
            CustomerRetentionRate.Monthly(churn),
            HistoricClv.Compute(table, settings.GrossMarginRate),
            RfmSegmentation.Compute(table));
    }
}
