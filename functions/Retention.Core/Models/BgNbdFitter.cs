namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="BgNbdModel"/> on customer summaries (<c>docs/models.md</c>, "BG/NBD"): the
/// sum over the distinct (x, t_x, T) triples of each one's customers times its <see cref="BgNbdLikelihood"/>
/// (equation (6) of Fader, Hardie &amp; Lee 2005), with that likelihood's analytic gradient (<see cref="BetaGeometricFit"/>).
/// </summary>
public static class BgNbdFitter
{
    public static ModelFit<BgNbdModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null) =>
        BetaGeometricFit.Fit(ModelNames.BgNbd, customers, requirements, (p, unit) => new BgNbdModel(p[0], p[1], p[2], p[3], unit),
            (model, largestX) => new BgNbdLikelihood(model, largestX));

    /// <summary>Σ weight · ln L over the triples: the sum the fit maximizes and reports.</summary>
    public static double LogLikelihoodOf(BgNbdModel model, SummaryTriples triples) =>
        BetaGeometricFit.Sum([model.R, model.Alpha, model.A, model.B], () => new BgNbdLikelihood(model, triples.MaxX), triples, new DistinctTimes(triples),
            Span<double>.Empty);
}
