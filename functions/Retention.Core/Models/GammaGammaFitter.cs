using System.Globalization;

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
        var result = MaximumLikelihood.Maximize(likelihood.Evaluate, n, starts);
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

    /// <summary>
    /// Σ ln f over the repeat buyers (<see cref="GammaGammaLikelihood"/>) and its gradient in the log-parameters
    /// (ln p, ln q, ln γ), which is what the fit estimates. The logarithms of the data are taken once, here.
    /// </summary>
    private sealed class Likelihood(int[] x, double[] m)
    {
        private readonly double[] _lnSpend = [.. m.Select(spend => Math.Log(spend))];
        private readonly double[] _lnSpendAndX = [.. m.Select((spend, i) => Math.Log(spend) + Math.Log(x[i]))];
        private readonly int _maxX = x.Length == 0 ? 0 : x.Max();

        public double Evaluate(ReadOnlySpan<double> phi, Span<double> gradient)
        {
            double p = Math.Exp(phi[0]), q = Math.Exp(phi[1]), g = Math.Exp(phi[2]);
            var likelihood = new GammaGammaLikelihood(new GammaGammaModel(p, q, g), _maxX);
            var want = !gradient.IsEmpty;
            Span<double> one = stackalloc double[want ? 3 : 0];
            double ll = 0, gp = 0, gq = 0, gg = 0;
            for (var i = 0; i < x.Length; i++)
            {
                ll += likelihood.LogLikelihood(x[i], m[i], _lnSpendAndX[i], _lnSpend[i], one);
                if (!want) continue;
                gp += one[0];
                gq += one[1];
                gg += one[2];
            }
            if (want)
            {
                // ∂/∂ ln θ = θ ∂/∂θ.
                gradient[0] = gp * p;
                gradient[1] = gq * q;
                gradient[2] = gg * g;
            }
            return ll;
        }
    }
}
