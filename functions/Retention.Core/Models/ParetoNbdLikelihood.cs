using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The Pareto/NBD likelihood of one customer at one set of parameters (Schmittlein, Morrison &amp; Colombo 1987; in the
/// form of Fader &amp; Hardie's note on the Pareto/NBD likelihood),
/// <code>
/// L(r, α, s, β | x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · [ 1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ],
/// </code>
/// with A₀ by <see cref="ParetoNbdModel.LogA0(int, double, double)"/>. The one implementation of it:
/// <see cref="ParetoNbdModel.LogLikelihood"/> scores a customer with it and <see cref="ParetoNbdFitter"/> sums it over
/// the distinct (x, t_x, T) triples, handing it ln A₀ assembled from the ₂F₁ terms it caches per distinct (x, t_x) and
/// (x, T) pair. Computed in logarithms, the bracket by log-sum-exp (its first term is the customer alive at T, the second
/// the customer gone at some time in (t_x, T]). The first factor depends on x alone, so an instance, made for one set of
/// parameters, computes it once per distinct x however many customers it scores. It fills that cache as it goes, so an
/// instance belongs to one thread.
/// </summary>
public sealed class ParetoNbdLikelihood
{
    private readonly ParetoNbdModel _model;
    private readonly double _constant;
    private TermsOfX?[] _ofX;

    /// <param name="largestX">The largest x it will be asked about, if known (it grows as needed).</param>
    public ParetoNbdLikelihood(ParetoNbdModel model, int largestX = 0)
    {
        _model = model;
        _constant = -GammaLn(model.R) + model.R * Math.Log(model.Alpha) + model.S * Math.Log(model.Beta);
        _ofX = new TermsOfX?[largestX + 1];
    }

    /// <summary>ln L(r, α, s, β | x, t_x, T).</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double LogLikelihood(int x, double tx, double age) => LogLikelihoodGivenA0(x, age, _model.LogA0(x, tx, age));

    /// <summary>ln L(r, α, s, β | x, t_x, T) given ln A₀, the only part that depends on t_x (−∞ when t_x = T).</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="logA0">ln A₀ of (x, t_x, T).</param>
    internal double LogLikelihoodGivenA0(int x, double age, double logA0)
    {
        var ofX = TermsOf(x);
        double r = _model.R, s = _model.S;
        var alive = -(r + x) * Math.Log(_model.Alpha + age) - s * Math.Log(_model.Beta + age);
        var dead = ofX.LnSOverRsx + logA0;
        return ofX.LnFirstFactor + LogAddExp(alive, dead);
    }

    private TermsOfX TermsOf(int x)
    {
        if (x >= _ofX.Length) Array.Resize(ref _ofX, Math.Max(x + 1, 2 * _ofX.Length));
        return _ofX[x] ??= new TermsOfX(GammaLn(_model.R + x) + _constant, Math.Log(_model.S) - Math.Log(_model.R + _model.S + x));
    }

    private static double LogAddExp(double u, double v)
    {
        if (double.IsNegativeInfinity(u)) return v;
        if (double.IsNegativeInfinity(v)) return u;
        var max = Math.Max(u, v);
        return max + Precise.Log1P(Math.Exp(-Math.Abs(u - v)));
    }

    /// <summary>What depends on x alone.</summary>
    /// <param name="LnFirstFactor">ln(Γ(r+x) α^r β^s / Γ(r)).</param>
    /// <param name="LnSOverRsx">ln(s/(r+s+x)).</param>
    private sealed record TermsOfX(double LnFirstFactor, double LnSOverRsx);
}
