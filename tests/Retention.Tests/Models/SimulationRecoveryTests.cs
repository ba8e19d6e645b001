using Retention.Tests.Support;
using System.Globalization;
using Retention.Core.Models;
using Xunit.Abstractions;

namespace Retention.Tests.Models;

/// <summary>
/// Fits recover the parameters customers were simulated from, with a tolerance that shrinks with the sample: each
/// estimate must lie within 4 of its own standard errors (which shrink like 1/√n) and within a relative tolerance of
/// c/√n (c per parameter, the same for every size), so 20,000 customers are held √10 ≈ 3.2 times tighter than 2,000,
/// and 1,000,000 to 1 % for r and α and 3 % for a and b (BG/NBD) or s and β (Pareto/NBD). Exact purchase times (<c>wholeDays: false</c>): the
/// model's own story; cutting times to whole days merges same-day purchases, which the model does not know of.
/// </summary>
[Collection(CpuHeavy.Name)]
public class SimulationRecoveryTests(ITestOutputHelper output)
{
    private static readonly BgNbdModel Truth = new(0.25, 4.0, 0.8, 2.5);
    private static readonly GammaGammaModel Spend = new(6, 4, 15);

    /// <summary>Pareto/NBD customers like CDNOW's (its published estimates, rounded).</summary>
    private static readonly ParetoNbdModel ParetoTruth = new(0.55, 10.6, 0.61, 11.7);

    [Theory]
    [InlineData(2_000, 11)]
    [InlineData(20_000, 12)]
    [InlineData(1_000_000, 13)]
    public void Bgnbd_recovers_the_simulated_parameters(int customers, int seed)
    {
        var summaries = CustomerSimulator.BgNbdSummaries(Truth, Spend, customers, 26 * 7, 78 * 7, seed, wholeDays: false);
        var fit = BgNbdFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        output.WriteLine($"n {customers}: r {m.R:F4} alpha {m.Alpha:F4} a {m.A:F4} b {m.B:F4}; SE {string.Join(", ", fit.Parameters.Select(p => p.StandardError?.ToString("F4", CultureInfo.InvariantCulture)))}");
        // c/√n: at n = 2,000 about 22 % for r, α and 67 % for a, b (the dropout process is seen only through who stops buying).
        var scale = 1 / Math.Sqrt(customers);
        AssertRecovered(fit.Parameters[0], Truth.R, 10 * scale);
        AssertRecovered(fit.Parameters[1], Truth.Alpha, 10 * scale);
        AssertRecovered(fit.Parameters[2], Truth.A, 30 * scale);
        AssertRecovered(fit.Parameters[3], Truth.B, 30 * scale);
    }

    /// <summary>
    /// The same for the Pareto/NBD, with the BG/NBD's tolerances: c = 10 for the purchase process (r, α) and 30 for the
    /// lifetimes (s, β), which are seen only through who stops buying. A million customers: 418,511 distinct triples with
    /// exact times.
    /// </summary>
    [Theory]
    [InlineData(2_000, 31)]
    [InlineData(20_000, 32)]
    [InlineData(1_000_000, 33)]
    public void Pareto_nbd_recovers_the_simulated_parameters(int customers, int seed)
    {
        var summaries = CustomerSimulator.ParetoNbdSummaries(ParetoTruth, null, customers, 26 * 7, 78 * 7, seed, wholeDays: false);
        var fit = ParetoNbdFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        output.WriteLine($"n {customers} ({fit.Observations} triples): r {m.R:F4} alpha {m.Alpha:F4} s {m.S:F4} beta {m.Beta:F4}; " +
            $"SE {string.Join(", ", fit.Parameters.Select(p => p.StandardError?.ToString("F4", CultureInfo.InvariantCulture)))}; {fit.Convergence!.Iterations} iterations");
        var scale = 1 / Math.Sqrt(customers);
        AssertRecovered(fit.Parameters[0], ParetoTruth.R, 10 * scale);
        AssertRecovered(fit.Parameters[1], ParetoTruth.Alpha, 10 * scale);
        AssertRecovered(fit.Parameters[2], ParetoTruth.S, 30 * scale);
        AssertRecovered(fit.Parameters[3], ParetoTruth.Beta, 30 * scale);
    }

    [Theory]
    [InlineData(2_000, 21)]
    [InlineData(20_000, 22)]
    public void Gamma_gamma_recovers_the_simulated_parameters(int customers, int seed)
    {
        var summaries = CustomerSimulator.BgNbdSummaries(Truth, Spend, customers, 26 * 7, 78 * 7, seed, wholeDays: false);
        var fit = GammaGammaFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        output.WriteLine($"n {customers} ({fit.Customers} repeat buyers): p {m.P:F4} q {m.Q:F4} gamma {m.Gamma:F4}; SE {string.Join(", ", fit.Parameters.Select(p => p.StandardError?.ToString("F4", CultureInfo.InvariantCulture)))}");
        var scale = 1 / Math.Sqrt(customers);
        AssertRecovered(fit.Parameters[0], Spend.P, 20 * scale);
        AssertRecovered(fit.Parameters[1], Spend.Q, 20 * scale);
        AssertRecovered(fit.Parameters[2], Spend.Gamma, 30 * scale);
    }

    [Fact]
    public void Standard_errors_shrink_like_one_over_root_n()
    {
        var small = BgNbdFitter.Fit(CustomerSimulator.BgNbdSummaries(Truth, null, 2_000, 26 * 7, 78 * 7, 11, wholeDays: false));
        var large = BgNbdFitter.Fit(CustomerSimulator.BgNbdSummaries(Truth, null, 20_000, 26 * 7, 78 * 7, 12, wholeDays: false));
        for (var i = 0; i < 4; i++)
        {
            // Relative standard errors (SE / estimate), so that a smaller estimate with its smaller SE does not count as precision.
            var ratio = small.Parameters[i].StandardError!.Value / small.Parameters[i].Value
                / (large.Parameters[i].StandardError!.Value / large.Parameters[i].Value);
            output.WriteLine($"{small.Parameters[i].Name}: SE {small.Parameters[i].StandardError:G4} at 2,000, {large.Parameters[i].StandardError:G4} at 20,000, relative ratio {ratio:F2}");
            Assert.InRange(ratio, Math.Sqrt(10) / 2, Math.Sqrt(10) * 2);
        }
    }

    [Fact]
    public void Simulated_transactions_summarize_like_simulated_summaries()
    {
        var rows = CustomerSimulator.BgNbdTransactions(Truth, Spend, 5_000, new DateOnly(2024, 1, 1), 182, new DateOnly(2025, 6, 30), seed: 5);
        var summaries = CustomerSummary.FromPurchases(rows, new DateOnly(2025, 6, 30));
        var fit = BgNbdFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var scale = 1 / Math.Sqrt(5_000);
        AssertRecovered(fit.Parameters[0], Truth.R, 10 * scale);
        AssertRecovered(fit.Parameters[1], Truth.Alpha, 10 * scale);
        AssertRecovered(fit.Parameters[2], Truth.A, 30 * scale);
        AssertRecovered(fit.Parameters[3], Truth.B, 30 * scale);
    }

    private static void AssertRecovered(ModelParameter estimate, double truth, double relativeTolerance)
    {
        Assert.True(Math.Abs(estimate.Value - truth) <= relativeTolerance * truth,
            $"{estimate.Name}: {estimate.Value} is more than {relativeTolerance:P1} from {truth}");
        Assert.True(Math.Abs(estimate.Value - truth) <= 4 * estimate.StandardError!.Value,
            $"{estimate.Name}: {estimate.Value} is more than 4 standard errors ({estimate.StandardError}) from {truth}");
    }
}
