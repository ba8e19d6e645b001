using System.Globalization;
using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="GammaGammaModel"/> (<c>docs/models.md</c>, "Gamma-Gamma"), on the repeat
/// buyers only, and of those only the ones whose mean repeat spend is positive: the model's spend is a Gamma variable,
/// which is never 0 or negative, so a customer whose repeat purchases were free or refunded to nothing (mean ≤ 0)
/// cannot be scored by its density; they are counted in <see cref="ModelFit{TModel}.Excluded"/> and not fitted on.
/// An estimate with q ≤ 1 (an infinite average spend) is refused as degenerate.
/// </summary>
public static class GammaGammaFitter
{
    public static ModelFit<GammaGammaModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null)
    {
        requirements ??= FitRequirements.Default;
        var x = new List<int>();
        var m = new List<double>();
        var excluded = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            if (customers.Frequency[i] == 0) continue;
            if (customers.Monetary[i] > 0)
            {
                x.Add(customers.Frequency[i]);
                m.Add(customers.Monetary[i]);
            }
            else excluded++;
        }
        return Fit([.. x], [.. m], excluded, requirements);
    }

    /// <summary>On (x, mean spend) pairs already selected (x ≥ 1, spend &gt; 0).</summary>
    public static ModelFit<GammaGammaModel> Fit(int[] frequency, double[] meanSpend, int excluded = 0, FitRequirements? requirements = null)
    {
        requirements ??= FitRequirements.Default;
        var c = CultureInfo.InvariantCulture;
        var n = frequency.Length;
        if (n < requirements.MinimumRepeatBuyers)
            return ModelFit<GammaGammaModel>.Refused(ModelNames.GammaGamma, NotFittedReason.TooFewRepeatBuyers,
                $"{n.ToString("N0", c)} repeat buyers with a positive mean spend ({excluded.ToString("N0", c)} more with a mean spend <= 0 left out); " +
                $"the model needs at least {requirements.MinimumRepeatBuyers.ToString("N0", c)}", n, n, excluded);
        for (var i = 0; i < n; i++)
            if (frequency[i] < 1 || !(meanSpend[i] > 0) || !double.IsFinite(meanSpend[i]))
                throw new ArgumentException($"Gamma-Gamma fits on x >= 1 and mean spend > 0 only, not x = {frequency[i]}, spend = {meanSpend[i]}");

        var likelihood = new Likelihood(frequency, meanSpend);
        var mean = meanSpend.Average();
        double[][] starts =
        [
            [0, Math.Log(3), Math.Log(2 * mean)],
            [Math.Log(5), Math.Log(3), Math.Log(0.4 * mean)],
            [Math.Log(0.5), Math.Log(1.5), Math.Log(mean)],
            [0, 0, 0],
        ];
        var result = MaximumLikelihood.Maximize(likelihood.Evaluate, analyticGradient: true, n, starts);
        var fit = PurchaseModelChecks.Result(ModelNames.GammaGamma, result, n, n, ["p", "q", "gamma"], p => new GammaGammaModel(p[0], p[1], p[2]))
            with { Excluded = excluded };
        if (fit.Model is { Q: <= 1 } model)
            return fit with
            {
                Model = null,
                Failure = new FitFailure(NotFittedReason.DegenerateEstimate,
                    $"q = {model.Q.ToString("G4", c)} <= 1: the spend is so heterogeneous that the average spend is infinite; no expected spend can be given"),
            };
        return fit;
    }

    private sealed class Likelihood
    {
        private readonly int[] _x;
        private readonly double[] _m;
        private readonly double[] _constant; // (−1)·ln z̄ ... parts not depending on the parameters
        private readonly double[] _logMx;    // x ln z̄ + x ln x: the factor of p
        private readonly int _maxX;
        private readonly double[] _countOfX;

        public Likelihood(int[] x, double[] m)
        {
            _x = x;
            _m = m;
            _maxX = x.Length == 0 ? 0 : x.Max();
            _countOfX = new double[_maxX + 1];
            _constant = new double[x.Length];
            _logMx = new double[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                _countOfX[x[i]]++;
                _constant[i] = -Math.Log(m[i]);
                _logMx[i] = x[i] * (Math.Log(m[i]) + Math.Log(x[i]));
            }
        }

        public double Evaluate(ReadOnlySpan<double> phi, Span<double> gradient)
        {
            double p = Math.Exp(phi[0]), q = Math.Exp(phi[1]), g = Math.Exp(phi[2]);
            var want = !gradient.IsEmpty;
            double ll = 0, gp = 0, gq = 0, gg = 0;
            // Terms in x alone (and the constants): ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ, per distinct x.
            var lgQ = GammaLn(q);
            var psiQ = want ? DiGamma(q) : 0;
            var lnG = phi[2];
            var psiPxq = new double[_maxX + 1];
            var psiPx = new double[_maxX + 1];
            for (var x = 1; x <= _maxX; x++)
            {
                var w = _countOfX[x];
                if (w == 0) continue;
                double px = p * x;
                ll += w * (GammaLn(px + q) - GammaLn(px) - lgQ + q * lnG);
                if (!want) continue;
                psiPxq[x] = DiGamma(px + q);
                psiPx[x] = DiGamma(px);
                gp += w * x * (psiPxq[x] - psiPx[x]);
                gq += w * (psiPxq[x] - psiQ + lnG);
                gg += w * q / g;
            }
            // Per customer: (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
            for (var i = 0; i < _x.Length; i++)
            {
                var x = _x[i];
                var px = p * x;
                var denominator = g + x * _m[i];
                var lnD = Math.Log(denominator);
                ll += p * _logMx[i] + _constant[i] - (px + q) * lnD;
                if (!want) continue;
                gp += _logMx[i] - x * lnD;
                gq -= lnD;
                gg -= (px + q) / denominator;
            }
            if (want)
            {
                gradient[0] = gp * p;
                gradient[1] = gq * q;
                gradient[2] = gg * g;
            }
            return ll;
        }
    }
}
