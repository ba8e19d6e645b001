namespace Retention.Core.Metrics;

/// <summary>
/// One customer's recency, frequency and monetary value as of the as-of day, their 1–5 scores among the shop's
/// customers, and their segment (<c>docs/metrics.md</c>, "RFM").
/// </summary>
/// <param name="RecencyDays">Days from the last purchase to the as-of day (0 = bought on the as-of day).</param>
/// <param name="Frequency">Number of purchases (orders).</param>
/// <param name="Monetary">Net revenue.</param>
/// <param name="R">Recency score: more recent is higher.</param>
/// <param name="FM">The combined F/M score the segment map reads, <see cref="RfmSegmentMap.FrequencyMonetaryScore"/>.</param>
public sealed record RfmScores(string CustomerKey, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, int FM, RfmSegment Segment);
