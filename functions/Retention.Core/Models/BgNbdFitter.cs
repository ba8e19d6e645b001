using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="BgNbdModel"/> on customer summaries (<c>docs/models.md</c>, "BG/NBD").
/// The log-likelihood is evaluated on the distinct (x, t_x, T) triples with analytic gradients: terms in x alone are
/// summed once per distinct x, terms in T alone once per distinct T, and only ln(1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x))
/// is computed per triple.
/// </summary>
public static class BgNbdFitter
{
    public static ModelFit<BgNbdModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null)
    {
        requirements ??= FitRequirements.Default;
        var triples = customers.Compress();
        if (PurchaseModelChecks.Refuse(ModelNames.BgNbd, customers, triples, requirements) is { } refused)
            return ModelFit<BgNbdModel>.Refused(refused);

        var likelihood = new Likelihood(triples);
        // Scale-aware starts: α is a time, so it starts at the inverse of the average purchase rate; then the unit-free ones.
        var rate = Math.Max(1e-6, triples.X.Select((x, i) => x * triples.Weight[i]).Sum() / Math.Max(1e-9, triples.T.Select((age, i) => age * triples.Weight[i]).Sum()));
        double[][] starts =
        [
            [0, Math.Log(1 / rate), 0, Math.Log(3)],
            [Math.Log(0.5), Math.Log(0.5 / rate), Math.Log(0.5), Math.Log(1.5)],
            [0, 0, 0, 0],
            [Math.Log(2), Math.Log(2 / rate), Math.Log(2), Math.Log(8)],
        ];
        var result = MaximumLikelihood.Maximize(likelihood.Evaluate, analyticGradient: true, triples.Customers, starts);
        return PurchaseModelChecks.Result(ModelNames.BgNbd, result, customers.Count, triples.Count, ["r", "alpha", "a", "b"],
            p => new BgNbdModel(p[0], p[1], p[2], p[3], customers.Unit));
    }

    /// <summary>The total log-likelihood of triples under a model (the same sum the fit maximizes).</summary>
    public static double LogLikelihood(BgNbdModel model, SummaryTriples triples) =>
        new Likelihood(triples).Evaluate([Math.Log(model.R), Math.Log(model.Alpha), Math.Log(model.A), Math.Log(model.B)], Span<double>.Empty);

    private sealed class Likelihood
    {
        private readonly SummaryTriples _triples;
        private readonly double[] _weightOfX;
        private readonly double[] _weightOfT;
        private readonly double[] _purchasesOfT;
        private readonly int[] _repeat;
        private readonly double[] _lnAT, _invAT, _lnATx, _invATx;

        public Likelihood(SummaryTriples triples)
        {
            _triples = triples;
            _weightOfX = new double[triples.MaxX + 1];
            _weightOfT = new double[triples.DistinctT.Length];
            _purchasesOfT = new double[triples.DistinctT.Length];
            for (var i = 0; i < triples.Count; i++)
            {
                _weightOfX[triples.X[i]] += triples.Weight[i];
                _weightOfT[triples.TIndex[i]] += triples.Weight[i];
                _purchasesOfT[triples.TIndex[i]] += triples.Weight[i] * triples.X[i];
            }
            _repeat = Enumerable.Range(0, triples.Count).Where(i => triples.X[i] > 0).ToArray();
            _lnAT = new double[triples.DistinctT.Length];
            _invAT = new double[triples.DistinctT.Length];
            _lnATx = new double[triples.DistinctTx.Length];
            _invATx = new double[triples.DistinctTx.Length];
        }

        public double Evaluate(ReadOnlySpan<double> phi, Span<double> gradient)
        {
            double r = Math.Exp(phi[0]), alpha = Math.Exp(phi[1]), a = Math.Exp(phi[2]), b = Math.Exp(phi[3]);
            var wantGradient = !gradient.IsEmpty;
            double gr = 0, gAlpha = 0, ga = 0, gb = 0, ll = 0;

            // Terms in x alone: ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x).
            double lgR = GammaLn(r), lgB = GammaLn(b), lgAB = GammaLn(a + b), lnAlpha = Math.Log(alpha);
            double psiR = wantGradient ? DiGamma(r) : 0, psiB = wantGradient ? DiGamma(b) : 0, psiAB = wantGradient ? DiGamma(a + b) : 0;
            for (var x = 0; x < _weightOfX.Length; x++)
            {
                var w = _weightOfX[x];
                if (w == 0) continue;
                ll += w * (GammaLn(r + x) - lgR + r * lnAlpha + lgAB + GammaLn(b + x) - lgB - GammaLn(a + b + x));
                if (!wantGradient) continue;
                var psiABx = DiGamma(a + b + x);
                gr += w * (DiGamma(r + x) - psiR + lnAlpha);
                gAlpha += w * r / alpha;
                ga += w * (psiAB - psiABx);
                gb += w * (psiAB + DiGamma(b + x) - psiB - psiABx);
            }

            // Terms in T alone: −(r+x) ln(α+T), summed per distinct T.
            for (var k = 0; k < _lnAT.Length; k++)
            {
                _lnAT[k] = Math.Log(alpha + _triples.DistinctT[k]);
                _invAT[k] = 1 / (alpha + _triples.DistinctT[k]);
                ll -= (r * _weightOfT[k] + _purchasesOfT[k]) * _lnAT[k];
                gr -= _weightOfT[k] * _lnAT[k];
                gAlpha -= (r * _weightOfT[k] + _purchasesOfT[k]) * _invAT[k];
            }
            for (var k = 0; k < _lnATx.Length; k++)
            {
                _lnATx[k] = Math.Log(alpha + _triples.DistinctTx[k]);
                _invATx[k] = 1 / (alpha + _triples.DistinctTx[k]);
            }

            // Per triple with x > 0: softplus(z), z = ln a − ln(b+x−1) + (r+x)(ln(α+T) − ln(α+t_x)).
            var lnA = phi[2];
            foreach (var i in _repeat)
            {
                var x = _triples.X[i];
                var w = _triples.Weight[i];
                int kt = _triples.TIndex[i], ktx = _triples.TxIndex[i];
                var spread = _lnAT[kt] - _lnATx[ktx];
                var z = lnA - Math.Log(b + x - 1) + (r + x) * spread;
                double softplus, sigma;
                if (z > 0)
                {
                    var e = Math.Exp(-z);
                    softplus = z + Precise.Log1P(e);
                    sigma = 1 / (1 + e);
                }
                else
                {
                    var e = Math.Exp(z);
                    softplus = Precise.Log1P(e);
                    sigma = e / (1 + e);
                }
                ll += w * softplus;
                if (!wantGradient) continue;
                var ws = w * sigma;
                gr += ws * spread;
                gAlpha += ws * (r + x) * (_invAT[kt] - _invATx[ktx]);
                ga += ws / a;
                gb -= ws / (b + x - 1);
            }

            if (wantGradient)
            {
                // ∂/∂ ln θ = θ ∂/∂θ.
                gradient[0] = gr * r;
                gradient[1] = gAlpha * alpha;
                gradient[2] = ga * a;
                gradient[3] = gb * b;
            }
            return ll;
        }
    }
}
