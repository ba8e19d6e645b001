namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="ParetoNbdModel"/> on customer summaries (<c>docs/models.md</c>, "Pareto/NBD"),
/// one likelihood term per distinct (x, t_x, T) triple, gradients by central differences (the 2F1 terms have no cheap
/// analytic derivative). The same starts, optimizer, checks and fallbacks as the BG/NBD.
/// </summary>
public static class ParetoNbdFitter
{
    public const string ModelName = "paretonbd";

    public static ModelFit<ParetoNbdModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null)
    {
        requirements ??= FitRequirements.Default;
        var triples = customers.Compress();
        if (PurchaseModelChecks.Refuse(ModelName, customers, triples, requirements) is { } refused)
            return ModelFit<ParetoNbdModel>.Refused(refused);
        var unit = customers.Unit;
        double LogLikelihood(ReadOnlySpan<double> phi, Span<double> gradient)
        {
            var model = new ParetoNbdModel(Math.Exp(phi[0]), Math.Exp(phi[1]), Math.Exp(phi[2]), Math.Exp(phi[3]), unit);
            return LogLikelihoodOf(model, triples);
        }
        var rate = Math.Max(1e-6, triples.X.Select((x, i) => x * triples.Weight[i]).Sum() / Math.Max(1e-9, triples.T.Select((t, i) => t * triples.Weight[i]).Sum()));
        var meanT = Math.Max(1e-3, triples.T.Select((t, i) => t * triples.Weight[i]).Sum() / triples.Customers);
        double[][] starts =
        [
            [0, Math.Log(1 / rate), 0, Math.Log(meanT)],
            [Math.Log(0.5), Math.Log(0.5 / rate), Math.Log(0.5), Math.Log(0.5 * meanT)],
            [0, 0, 0, 0],
            [Math.Log(2), Math.Log(2 / rate), Math.Log(2), Math.Log(2 * meanT)],
        ];
        var result = MaximumLikelihood.Maximize(LogLikelihood, analyticGradient: false, triples.Customers, starts);
        return PurchaseModelChecks.Result(ModelName, result, customers.Count, triples.Count, ["r", "alpha", "s", "beta"],
            p => new ParetoNbdModel(p[0], p[1], p[2], p[3], unit));
    }

    /// <summary>Σ weight · ln L over the triples; −∞ where a term is not finite (the optimizer backs off).</summary>
    public static double LogLikelihoodOf(ParetoNbdModel model, SummaryTriples triples)
    {
        double total = 0;
        try
        {
            for (var i = 0; i < triples.Count; i++) total += triples.Weight[i] * model.LogLikelihood(triples.X[i], triples.Tx[i], triples.T[i]);
        }
        catch (ArithmeticException)
        {
            return double.NegativeInfinity;
        }
        return double.IsNaN(total) ? double.NegativeInfinity : total;
    }
}
