namespace Retention.Core.Models;

/// <summary>How likely a customer is to have been lost, in three bands for people to act on.</summary>
public enum ChurnRisk
{
    Low,
    Medium,
    High,
}

/// <summary>
/// Churn-risk bands from P(alive) (<c>docs/models.md</c>, "Churn risk"): <b>high</b> below <see cref="HighBelow"/>,
/// <b>medium</b> from there up to <see cref="MediumBelow"/>, <b>low</b> from there on. Defaults 0.3 and 0.7: below 0.3
/// the model thinks the customer is more than twice as likely gone as still there; from 0.7 on, more than twice as
/// likely still there; in between it cannot say with confidence either way.
/// </summary>
public sealed record ChurnRiskBands(double HighBelow = 0.3, double MediumBelow = 0.7)
{
    public static ChurnRiskBands Default { get; } = new();

    public ChurnRiskBands Validated()
    {
        if (!(HighBelow >= 0 && HighBelow <= MediumBelow && MediumBelow <= 1))
            throw new ArgumentOutOfRangeException(nameof(HighBelow), $"churn-risk thresholds must satisfy 0 <= high ({HighBelow}) <= medium ({MediumBelow}) <= 1");
        return this;
    }

    public ChurnRisk Classify(double probabilityAlive) =>
        probabilityAlive < HighBelow ? ChurnRisk.High : probabilityAlive < MediumBelow ? ChurnRisk.Medium : ChurnRisk.Low;
}
