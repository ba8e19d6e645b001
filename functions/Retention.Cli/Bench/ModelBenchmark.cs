using System.Diagnostics;
using Retention.Core.Models;

namespace Retention.Cli.Bench;

/// <summary>
/// <c>retention bench models</c>: simulated shops of known BG/NBD and Gamma-Gamma parameters, timed through the
/// BG/NBD fit (the compression to distinct triples included), the Pareto/NBD and MBG/NBD fits on the same customers
/// (the nightly holdout compares the three), the Gamma-Gamma fit and the predictions for every customer (P(alive), expected
/// purchases, expected spend, CLV), each with the managed heap's peak above where it started.
/// </summary>
public static class ModelBenchmark
{
    public static readonly BgNbdModel Truth = new(0.25, 4.0, 0.8, 2.5);
    public static readonly GammaGammaModel SpendTruth = new(6, 4, 15);

    public sealed record TimedStep(TimeSpan Elapsed, long PeakHeapAbove);

    public sealed record Result(int Customers, TimeSpan Simulate, int Triples, int RepeatBuyers, TimedStep Compress, TimedStep BgNbdFit, TimedStep ParetoNbdFit,
        TimedStep MbgNbdFit, TimedStep GammaGammaFit, TimedStep Predict, ModelFit<BgNbdModel> BgNbd, ModelFit<ParetoNbdModel> ParetoNbd,
        ModelFit<MbgNbdModel> MbgNbd, ModelFit<GammaGammaModel> Spend, double TotalClv);

    /// <summary>Customers whose first purchase is 26 to 78 weeks (in days) before the calibration end, in weeks.</summary>
    public static Result Measure(int customers, int seed)
    {
        var clock = Stopwatch.StartNew();
        var summaries = CustomerSimulator.BgNbdSummaries(Truth, SpendTruth, customers, 26 * 7, 78 * 7, seed);
        var simulate = clock.Elapsed;

        SummaryTriples? triples = null;
        var compress = Time(() => triples = summaries.Compress());
        ModelFit<BgNbdModel>? bg = null;
        var bgFit = Time(() => bg = BgNbdFitter.Fit(summaries));
        ModelFit<ParetoNbdModel>? pareto = null;
        var paretoFit = Time(() => pareto = ParetoNbdFitter.Fit(summaries));
        ModelFit<MbgNbdModel>? mbg = null;
        var mbgFit = Time(() => mbg = MbgNbdFitter.Fit(summaries));
        ModelFit<GammaGammaModel>? spend = null;
        var ggFit = Time(() => spend = GammaGammaFitter.Fit(summaries));
        double totalClv = 0;
        var predict = Time(() =>
        {
            if (bg!.Model is null || spend!.Model is null) return;
            var predictions = PurchasePredictions.Predict(bg.Model, summaries, 12, 0.01);
            var clv = new double[summaries.Count];
            var spendModel = spend.Model;
            for (var i = 0; i < clv.Length; i++)
            {
                var c = summaries[i];
                clv[i] = spendModel.ExpectedAverageSpend(c.Frequency, c.Monetary) * predictions.DiscountedPurchases[i];
            }
            totalClv = clv.Sum();
        });
        return new Result(customers, simulate, triples!.Count, summaries.RepeatBuyers, compress, bgFit, paretoFit, mbgFit, ggFit, predict, bg!, pareto!, mbg!, spend!,
            totalClv);
    }

    private static TimedStep Time(Action action)
    {
        FullCollect();
        var before = GC.GetTotalMemory(false);
        using var sampler = new HeapSampler();
        var clock = Stopwatch.StartNew();
        action();
        var elapsed = clock.Elapsed;
        return new TimedStep(elapsed, Math.Max(0, sampler.Stop() - before));
    }

    public static void FullCollect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The managed heap's size sampled every 2 ms on a background thread; its highest value.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak = GC.GetTotalMemory(false);

        public HeapSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var now = GC.GetTotalMemory(false);
                    if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                    Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "model-bench-heap-sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(GC.GetTotalMemory(false), Interlocked.Read(ref _peak));
        }

        public void Dispose()
        {
            if (!_stop) Stop();
        }
    }
}
