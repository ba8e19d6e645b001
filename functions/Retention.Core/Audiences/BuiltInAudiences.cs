namespace Retention.Core.Audiences;

/// <summary>
/// The five audiences every shop has (<c>docs/audiences.md</c>, "Built-in audiences"), each a rule over the night's
/// columns and the shop's own <see cref="AudienceBaseline"/>.
/// </summary>
public static class BuiltInAudiences
{
    public static AudienceDefinition WinBack { get; } = new("win-back",
        "churn risk high, and historic CLV above the shop's median", [],
        (c, b) => c.ChurnRisk == "high" && c.HistoricClv > b.MedianHistoricClv);

    public static AudienceDefinition AboutToLapse { get; } = new("about-to-lapse",
        "two or more orders, more days since the last than the customer's usual gap between orders, not churned yet", [],
        (c, _) => c.UsualGapDays is { } gap && c.DaysSinceLastOrder > gap && !c.Churned);

    public static AudienceDefinition Vip { get; } = new("vip",
        "key customers: the top tenth by net revenue to date", [],
        (c, _) => c.KeyCustomer);

    public static AudienceDefinition SecondOrderNudge { get; } = new("second-order-nudge",
        "one order so far, placed within the shop's median time to a second order (30 days before there is one)", [],
        (c, b) => c.Orders == 1 && c.DaysSinceLastOrder <= b.SecondOrderWindowDays);

    public static AudienceDefinition HighPredictedValue { get; } = new("high-predicted-value",
        "predicted 12-month CLV in the shop's top tenth (none without a forecast)", [],
        (c, b) => b.TopDecilePredictedClv is { } top && c.PredictedClv is { } clv && clv >= top && clv > 0);

    public static IReadOnlyList<AudienceDefinition> All { get; } = [WinBack, AboutToLapse, Vip, SecondOrderNudge, HighPredictedValue];
}
