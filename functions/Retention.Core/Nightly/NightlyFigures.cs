using Retention.Core.Audiences;
using Retention.Core.Dimensions;
using Retention.Core.Feedback;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Core.Spend;

namespace Retention.Core.Nightly;

/// <summary>
/// Everything one night computes for one shop and day: the headline figures, the retention figures, their cost, what
/// customers said, the forecast (predicted CLV and churn risk, or why there is none), and the figures by first product,
/// category, channel, discount code and country, the product journey and the time to a second order. Stored as the day's
/// snapshot: the datasets of <see cref="Datasets.NightlyDatasets"/>, in tables and as files.
/// </summary>
public sealed record NightlyFigures(HeadlineFigures Headline, RetentionFigures Retention, IReadOnlyList<RetentionCostMonth> Cost, FeedbackFigures Feedback,
    NightlyForecast Forecast, DimensionFigures Dimensions)
{
    public string ShopId => Headline.ShopId;
    public DateOnly AsOf => Headline.AsOf;

    /// <summary>The audiences' members, entered and left (<see cref="Audiences.NightlyAudiences"/>); none until the pipeline adds them.</summary>
    public AudienceNight Audiences
    {
        get => _audiences ?? AudienceNight.Empty(AsOf);
        init => _audiences = value;
    }

    private readonly AudienceNight? _audiences;

    /// <summary>LTV:CAC and payback by acquisition channel (<see cref="Spend.ChannelPayback"/>).</summary>
    public IReadOnlyList<ChannelPaybackRow> ChannelPayback { get; init; } = [];

    /// <summary>Every figure of one day from the shop's ledger, spend and answers: pure, and what the benchmark times as the night's compute.</summary>
    /// <param name="catalog">the shop's products, for the categories of the dimension figures.</param>
    /// <param name="channelSpend">acquisition spend by channel and month, for LTV:CAC (<see cref="Spend.ChannelPayback"/>).</param>
    public static NightlyFigures Compute(Shop shop, OrderLedger ledger, ProductCatalog catalog, IReadOnlyDictionary<DateOnly, decimal> spendTotals,
        IReadOnlyList<FeedbackResponse> answers, DateOnly asOf, IReadOnlyList<ChannelSpend>? channelSpend = null) =>
        ComputeFrom(shop, LedgerFigures.Of(shop, ledger, catalog, asOf, channelSpend), spendTotals, answers);

    /// <summary>
    /// Every figure of one day from what was read of the ledger (<see cref="LedgerFigures"/>): the ledger itself is not
    /// needed, so a caller that lets it go before this call runs the forecast without it (<c>SnapshotService</c>).
    /// </summary>
    public static NightlyFigures ComputeFrom(Shop shop, LedgerFigures read, IReadOnlyDictionary<DateOnly, decimal> spendTotals,
        IReadOnlyList<FeedbackResponse> answers)
    {
        var history = read.History;
        // The forecast before the retention figures: its working arrays (summaries, predictions, intervals: about 160 MiB at
        // 2,000,000 customers) are garbage by the time the RFM scores and customer values (about 310 MiB) are made, instead
        // of beside them. bench night-child, the compute step's peak: 1,000,000 orders 247-254 -> 239-240 MiB (the exports'
        // 254-259 are then the night's peak); 10,000,000 orders 1,681-1,750 -> 1,685 MiB in two runs each.
        var forecast = NightlyForecast.Compute(history, shop.RetentionSettings);
        var retention = RetentionMetrics.Compute(history, shop.RetentionSettings);
        var dimensions = read.Dimensions.WithPredictions(forecast.Customers);
        return new NightlyFigures(read.Headline, retention, RetentionCost.Compute(history, retention.Retention, spendTotals),
            FeedbackFigures.Compute(answers, history, retention.Churn.Threshold.Days, shop.LocalDate), forecast, dimensions)
        {
            ChannelPayback = read.ChannelPayback,
        };
    }
}
