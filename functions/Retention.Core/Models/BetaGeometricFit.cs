namespace Retention.Core.Models;

/// <summary>One customer's ln L and its gradient in (r, α, a, b), from the time terms of t_x and T (BG/NBD, MBG/NBD).</summary>
internal interface IBetaGeometricLikelihood
{
    double LogLikelihood(int x, BgNbdLikelihood.TimeTerms atTx, BgNbdLikelihood.TimeTerms atAge, Span<double> gradient);
}

/// <summary>
/// The fit the BG/NBD and the MBG/NBD share, as they share every parameter and differ only in their likelihood: the
/// same checks, scale-aware starts, optimizer and standard errors (<see cref="MaximumLikelihood"/>), and the sum over
/// the distinct (x, t_x, T) triples with ln(α+t) taken once per distinct time.
/// </summary>
internal static class BetaGeometricFit
{
    /// <param name="model">the model of (r, α, a, b) in the summaries' unit.</param>
    /// <param name="likelihood">its likelihood, ready for x up to the given largest.</param>
    public static ModelFit<TModel> Fit<TModel>(string name, CustomerSummaries customers, FitRequirements? requirements,
        Func<double[], ModelTimeUnit, TModel> model, Func<TModel, int, IBetaGeometricLikelihood> likelihood) where TModel : class
    {
        requirements ??= FitRequirements.Default;
        var triples = customers.Compress();
        if (PurchaseModelChecks.Refuse(name, customers, triples, requirements) is { } refused)
            return ModelFit<TModel>.Refused(refused);

        var unit = customers.Unit;
        var times = new DistinctTimes(triples);
        double LogLikelihood(ReadOnlySpan<double> phi, Span<double> gradient)
        {
            double[] theta = [Math.Exp(phi[0]), Math.Exp(phi[1]), Math.Exp(phi[2]), Math.Exp(phi[3])];
            var at = model(theta, unit);
            return Sum(theta, () => likelihood(at, triples.MaxX), triples, times, gradient);
        }
        // Scale-aware starts: α is a time, so it starts at the inverse of the average purchase rate; then the unit-free ones.
        var rate = Math.Max(1e-6, triples.X.Select((x, i) => x * triples.Weight[i]).Sum() / Math.Max(1e-9, triples.T.Select((age, i) => age * triples.Weight[i]).Sum()));
        double[][] starts =
        [
            [0, Math.Log(1 / rate), 0, Math.Log(3)],
            [Math.Log(0.5), Math.Log(0.5 / rate), Math.Log(0.5), Math.Log(1.5)],
            [0, 0, 0, 0],
            [Math.Log(2), Math.Log(2 / rate), Math.Log(2), Math.Log(8)],
        ];
        var result = MaximumLikelihood.Maximize(LogLikelihood, triples.Customers, starts);
        return PurchaseModelChecks.Result(name, result, customers.Count, triples.Count, ["r", "alpha", "a", "b"], p => model(p, unit));
    }

    /// <summary>
    /// Σ weight · ln L over the triples and, when <paramref name="gradient"/> is not empty, its derivatives in the
    /// log-parameters (ln r, ln α, ln a, ln b), which is what the fit estimates. In fixed blocks of triples on the machine's
    /// cores, each with a likelihood of its own (an instance caches its terms of x as it goes); the blocks depend on the
    /// count alone and their sums are added in order, so the total is the same to the last bit however they are scheduled,
    /// and a shop of one block (up to <see cref="BlockSize"/> triples: every shop in the tests) sums as it always did.
    /// </summary>
    /// <param name="theta">(r, α, a, b) of the model <paramref name="likelihood"/> makes likelihoods of.</param>
    public static double Sum(double[] theta, Func<IBetaGeometricLikelihood> likelihood, SummaryTriples triples, DistinctTimes times, Span<double> gradient)
    {
        var alpha = theta[1];
        var atAge = times.Ages.Select(t => BgNbdLikelihood.TimeTerms.At(alpha, t)).ToArray();
        var atTx = times.LastPurchases.Select(t => BgNbdLikelihood.TimeTerms.At(alpha, t)).ToArray();
        var wantGradient = !gradient.IsEmpty;
        var blocks = new FixedBlocks(triples.Count, BlockSize);
        var sums = new double[blocks.Blocks * 5];
        blocks.Run((block, from, to) =>
        {
            var own = likelihood();
            Span<double> one = stackalloc double[wantGradient ? 4 : 0];
            var into = sums.AsSpan(block * 5, 5);
            double total = 0;
            for (var i = from; i < to; i++)
            {
                var w = triples.Weight[i];
                total += w * own.LogLikelihood(triples.X[i], atTx[times.LastPurchaseOf[i]], atAge[times.AgeOf[i]], one);
                if (!wantGradient) continue;
                for (var j = 0; j < 4; j++) into[1 + j] += w * one[j];
            }
            into[0] = total;
        });

        var sum = blocks.AddUp(sums, gradient);
        // ∂/∂ ln θ = θ ∂/∂θ.
        for (var j = 0; j < gradient.Length; j++) gradient[j] *= theta[j];
        return sum;
    }

    /// <summary>
    /// Triples a block: a triple costs a few exponentials and logarithms, so a block is milliseconds of work and a shop of a
    /// million customers (about 400,000 triples) makes a dozen of them.
    /// </summary>
    private const int BlockSize = 32_768;
}
