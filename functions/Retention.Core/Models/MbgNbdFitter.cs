namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="MbgNbdModel"/> on customer summaries (<c>docs/models.md</c>, "MBG/NBD"):
/// the sum over the distinct (x, t_x, T) triples of each one's customers times its <see cref="MbgNbdLikelihood"/>, with
/// that likelihood's analytic gradient. The BG/NBD fitter's structure: the same checks, scale-aware starts, optimizer,
/// convergence test and standard errors from the Hessian (<see cref="MaximumLikelihood"/>), ln(α+t) once per distinct
/// time.
/// </summary>
public static class MbgNbdFitter
{
    public static ModelFit<MbgNbdModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null)
    {
        requirements ??= FitRequirements.Default;
        var triples = customers.Compress();
        if (PurchaseModelChecks.Refuse(ModelNames.MbgNbd, customers, triples, requirements) is { } refused)
            return ModelFit<MbgNbdModel>.Refused(refused);

        var unit = customers.Unit;
        var times = new DistinctTimes(triples);
        double LogLikelihood(ReadOnlySpan<double> phi, Span<double> gradient) =>
            Sum(new MbgNbdModel(Math.Exp(phi[0]), Math.Exp(phi[1]), Math.Exp(phi[2]), Math.Exp(phi[3]), unit), triples, times, gradient);
        // Scale-aware starts, as for the BG/NBD: α is a time, so it starts at the inverse of the average purchase rate.
        var rate = Math.Max(1e-6, triples.X.Select((x, i) => x * triples.Weight[i]).Sum() / Math.Max(1e-9, triples.T.Select((age, i) => age * triples.Weight[i]).Sum()));
        double[][] starts =
        [
            [0, Math.Log(1 / rate), 0, Math.Log(3)],
            [Math.Log(0.5), Math.Log(0.5 / rate), Math.Log(0.5), Math.Log(1.5)],
            [0, 0, 0, 0],
            [Math.Log(2), Math.Log(2 / rate), Math.Log(2), Math.Log(8)],
        ];
        var result = MaximumLikelihood.Maximize(LogLikelihood, triples.Customers, starts);
        return PurchaseModelChecks.Result(ModelNames.MbgNbd, result, customers.Count, triples.Count, ["r", "alpha", "a", "b"],
            p => new MbgNbdModel(p[0], p[1], p[2], p[3], unit));
    }

    /// <summary>Σ weight · ln L over the triples: the sum the fit maximizes and reports.</summary>
    public static double LogLikelihoodOf(MbgNbdModel model, SummaryTriples triples) =>
        Sum(model, triples, new DistinctTimes(triples), Span<double>.Empty);

    /// <summary>
    /// Σ weight · ln L over the triples and, when <paramref name="gradient"/> is not empty, its derivatives in the
    /// log-parameters (ln r, ln α, ln a, ln b), which is what the fit estimates.
    /// </summary>
    private static double Sum(MbgNbdModel model, SummaryTriples triples, DistinctTimes times, Span<double> gradient)
    {
        var likelihood = new MbgNbdLikelihood(model, triples.MaxX);
        var atAge = times.Ages.Select(t => BgNbdLikelihood.TimeTerms.At(model.Alpha, t)).ToArray();
        var atTx = times.LastPurchases.Select(t => BgNbdLikelihood.TimeTerms.At(model.Alpha, t)).ToArray();
        var wantGradient = !gradient.IsEmpty;
        Span<double> one = stackalloc double[wantGradient ? 4 : 0];
        Span<double> sum = stackalloc double[4];
        double total = 0;
        for (var i = 0; i < triples.Count; i++)
        {
            var w = triples.Weight[i];
            total += w * likelihood.LogLikelihood(triples.X[i], atTx[times.LastPurchaseOf[i]], atAge[times.AgeOf[i]], one);
            if (!wantGradient) continue;
            for (var j = 0; j < 4; j++) sum[j] += w * one[j];
        }
        if (wantGradient)
        {
            // ∂/∂ ln θ = θ ∂/∂θ.
            gradient[0] = sum[0] * model.R;
            gradient[1] = sum[1] * model.Alpha;
            gradient[2] = sum[2] * model.A;
            gradient[3] = sum[3] * model.B;
        }
        return total;
    }
}
