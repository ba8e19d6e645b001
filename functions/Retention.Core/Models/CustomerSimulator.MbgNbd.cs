using MathNet.Numerics.Distributions;

namespace Retention.Core.Models;

/// <summary>
/// The MBG/NBD story (<see cref="MbgNbdModel"/>): λ ~ Gamma(r, α), p ~ Beta(a, b); the customer may drop out with
/// probability p right after their first purchase (time 0), and after each repeat purchase; while alive they buy at
/// Poisson rate λ. Exact purchase times, the model's own story, for recovery tests.
/// </summary>
public static partial class CustomerSimulator
{
    /// <summary>
    /// Summaries of <paramref name="customers"/> MBG/NBD customers whose first purchase lies <paramref name="minimumAgeDays"/>
    /// to <paramref name="maximumAgeDays"/> days (uniform, whole days) before the calibration end, in the model's time
    /// unit, with exact purchase times; no spend (monetary 0).
    /// </summary>
    public static CustomerSummaries MbgNbdSummaries(MbgNbdModel model, int customers, int minimumAgeDays, int maximumAgeDays, int seed)
    {
        var x = new int[customers];
        var tx = new double[customers];
        var ages = new double[customers];
        var random = new Random(seed);
        var perUnit = model.Unit.DaysPer();
        for (var c = 0; c < customers; c++)
        {
            var ageDays = random.Next(minimumAgeDays, maximumAgeDays + 1);
            var lambda = Gamma.Sample(random, model.R, model.Alpha) / perUnit; // per day
            var p = Beta.Sample(random, model.A, model.B);
            double time = 0, last = 0;
            var repeat = 0;
            // The first purchase at time 0 is a chance to drop out too: that is the MBG/NBD's one change to the BG/NBD.
            while (random.NextDouble() >= p)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > ageDays) break;
                repeat++;
                last = time;
            }
            x[c] = repeat;
            tx[c] = last / perUnit;
            ages[c] = ageDays / perUnit;
        }
        return new CustomerSummaries(model.Unit, null, null, x, tx, ages, new double[customers]);
    }
}
