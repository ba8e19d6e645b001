namespace Retention.Core.Models;

/// <summary>
/// Maximum-likelihood fit of the <see cref="MbgNbdModel"/> on customer summaries (<c>docs/models.md</c>, "MBG/NBD"):
/// the sum over the distinct (x, t_x, T) triples of each one's customers times its <see cref="MbgNbdLikelihood"/>, with
/// that likelihood's analytic gradient; the BG/NBD's checks, starts, optimizer and standard errors (<see cref="BetaGeometricFit"/>).
/// </summary>
public static class MbgNbdFitter
{
    public static ModelFit<MbgNbdModel> Fit(CustomerSummaries customers, FitRequirements? requirements = null) =>
        BetaGeometricFit.Fit(ModelNames.MbgNbd, customers, requirements, (p, unit) => new MbgNbdModel(p[0], p[1], p[2], p[3], unit),
            (model, largestX) => new MbgNbdLikelihood(model, largestX));

    /// <summary>Σ weight · ln L over the triples: the sum the fit maximizes and reports.</summary>
    public static double LogLikelihoodOf(MbgNbdModel model, SummaryTriples triples) =>
        BetaGeometricFit.Sum([model.R, model.Alpha, model.A, model.B], () => new MbgNbdLikelihood(model, triples.MaxX), triples, new DistinctTimes(triples),
            Span<double>.Empty);
}
