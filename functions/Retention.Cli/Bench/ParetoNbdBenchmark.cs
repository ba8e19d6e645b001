using System.Diagnostics;
using Retention.Core.Metrics;
using Retention.Core.Models;

namespace Retention.Cli.Bench;

/// <summary>
/// <c>retention bench pareto</c>: the Pareto/NBD fit alone, timed on the two kinds of shop that set its cost
/// (<c>docs/models.md</c>, "Pareto/NBD on every shop"): <c>bench nightly</c>'s synthetic shop, whose customers never stop
/// buying (its maximum lies where one of α, β is many times the other, the integral's z → 1 corner), on its calibration
/// period and on its whole history as the night cuts them; and <c>bench models</c>' ordinary simulated shop. For each: the
/// distinct triples and pairs the likelihood is evaluated on, the share of pairs beyond z = 0.95 at the estimate, and the
/// fit's time per run (printed, never asserted).
/// </summary>
public static class ParetoNbdBenchmark
{
    public sealed record Fit(string Shop, int Customers, int Triples, int Pairs, double CornerShare, IReadOnlyList<TimeSpan> Times, ModelFit<ParetoNbdModel> Result);

    /// <summary>The synthetic nightly shop: its calibration period (the night's default holdout, a quarter of the history) and its whole history.</summary>
    public static IEnumerable<Fit> NightlyShop(int orders, int customers, int years, int seed, int runs)
    {
        // The orders streamed into the purchase history, none kept: ten million of them as objects would be gigabytes.
        var (shop, _, asOf) = NightlyBenchShop.Frame("bench-pareto", years);
        var history = PurchaseHistory.Of(shop, asOf, NightlyBenchShop.Stream("bench-pareto", orders, customers, years, seed));
        var whole = CustomerSummary.FromPurchases(history, history.AsOf);
        // The night's holdout: a quarter of the days since the first purchase, 28 to 365 (NightlyForecast).
        var days = (int)Math.Round(whole.LongestAge * 7);
        var holdoutDays = Math.Clamp((int)(days * (double)RetentionSettings.DefaultHoldoutShare), 28, 365);
        var split = HoldoutValidation.Split(history, history.AsOf.AddDays(-holdoutDays), history.AsOf);
        yield return Measure($"nightly {orders:N0} orders, calibration", split.Calibration, runs);
        yield return Measure($"nightly {orders:N0} orders, whole history", whole, runs);
    }

    /// <summary><c>bench models</c>' simulated shop (BG/NBD truth, first purchases 26 to 78 weeks back).</summary>
    public static Fit OrdinaryShop(int customers, int seed, int runs) =>
        Measure("ordinary simulated", CustomerSimulator.BgNbdSummaries(ModelBenchmark.Truth, ModelBenchmark.SpendTruth, customers, 26 * 7, 78 * 7, seed), runs);

    private static Fit Measure(string name, CustomerSummaries summaries, int runs)
    {
        var triples = summaries.Compress();
        var times = new List<TimeSpan>();
        ModelFit<ParetoNbdModel>? fit = null;
        for (var run = 0; run < runs; run++)
        {
            ModelBenchmark.FullCollect();
            var clock = Stopwatch.StartNew();
            fit = ParetoNbdFitter.Fit(summaries);
            times.Add(clock.Elapsed);
        }
        var pairs = new HashSet<(int, double)>();
        for (var i = 0; i < triples.Count; i++)
        {
            pairs.Add((triples.X[i], triples.Tx[i]));
            pairs.Add((triples.X[i], triples.T[i]));
        }
        var corner = fit!.Model is { } m ? pairs.Count(p => CornerZ(m, p.Item2) > 0.95) / (double)pairs.Count : double.NaN;
        return new Fit(name, summaries.Count, triples.Count, pairs.Count, corner, times, fit);
    }

    /// <summary>z = (M − m)/(M + y) of the integral at time y, M and m the larger and smaller of α, β.</summary>
    private static double CornerZ(ParetoNbdModel model, double y) =>
        Math.Abs(model.Alpha - model.Beta) / (Math.Max(model.Alpha, model.Beta) + y);
}
