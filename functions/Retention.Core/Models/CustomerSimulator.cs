using MathNet.Numerics.Distributions;

namespace Retention.Core.Models;

/// <summary>
/// Customers drawn from known model parameters, deterministically from a seed (<c>docs/models.md</c>, "Simulation"):
/// the BG/NBD story (λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases at rate λ, dropping out with probability p
/// after each purchase) and, optionally, Gamma-Gamma spend (ν ~ Gamma(q, γ), each purchase ~ Gamma(p, ν)). Time is kept
/// to whole days by default, as real data is: purchase times are cut to their day and a day's purchases merged (their
/// spend added), which is what makes a large simulated shop compress to few distinct triples. Merging is not in the
/// model, though: customers with very high rates lose purchases to it, which biases a fit on a million customers by a
/// few percent (α about 5 % high in <c>bench models</c>). <c>wholeDays: false</c> keeps exact times, the model's own
/// story, for recovery tests. The Pareto/NBD story likewise (<see cref="ParetoNbdSummaries"/>): λ ~ Gamma(r, α),
/// μ ~ Gamma(s, β); Poisson purchases at rate λ for an exponential lifetime of rate μ, which may end at any time.
/// </summary>
public static partial class CustomerSimulator
{
    /// <summary>
    /// Summaries of <paramref name="customers"/> customers whose first purchase lies <paramref name="minimumAgeDays"/> to
    /// <paramref name="maximumAgeDays"/> days (uniform, whole days) before the calibration end, in the model's time unit.
    /// Keys are generated (sim-0000000, …).
    /// </summary>
    public static CustomerSummaries BgNbdSummaries(BgNbdModel model, GammaGammaModel? spend, int customers, int minimumAgeDays, int maximumAgeDays, int seed,
        bool wholeDays = true)
    {
        var x = new int[customers];
        var tx = new double[customers];
        var ages = new double[customers];
        var m = new double[customers];
        var random = new Random(seed);
        var days = new List<(double Day, double Spend)>();
        var perUnit = model.Unit.DaysPer();
        for (var c = 0; c < customers; c++)
        {
            var ageDays = random.Next(minimumAgeDays, maximumAgeDays + 1);
            Simulate(model, spend, random, ageDays, days, wholeDays);
            var repeat = days.Count - 1;
            x[c] = repeat;
            tx[c] = days[^1].Day / perUnit;
            ages[c] = ageDays / perUnit;
            double total = 0;
            for (var i = 1; i < days.Count; i++) total += days[i].Spend;
            m[c] = repeat == 0 ? 0 : total / repeat;
        }
        return new CustomerSummaries(model.Unit, null, null, x, tx, ages, m);
    }

    /// <summary>
    /// Summaries of <paramref name="customers"/> Pareto/NBD customers whose first purchase lies <paramref name="minimumAgeDays"/>
    /// to <paramref name="maximumAgeDays"/> days (uniform, whole days) before the calibration end, in the model's time unit,
    /// with Gamma-Gamma spend when <paramref name="spend"/> is given. Keys are generated (sim-0000000, …).
    /// </summary>
    public static CustomerSummaries ParetoNbdSummaries(ParetoNbdModel model, GammaGammaModel? spend, int customers, int minimumAgeDays, int maximumAgeDays,
        int seed, bool wholeDays = true)
    {
        var x = new int[customers];
        var tx = new double[customers];
        var ages = new double[customers];
        var m = new double[customers];
        var random = new Random(seed);
        var days = new List<(double Day, double Spend)>();
        var perUnit = model.Unit.DaysPer();
        for (var c = 0; c < customers; c++)
        {
            var ageDays = random.Next(minimumAgeDays, maximumAgeDays + 1);
            var lambda = Gamma.Sample(random, model.R, model.Alpha) / perUnit; // per day
            var mu = Gamma.Sample(random, model.S, model.Beta) / perUnit;
            var lifetime = -Math.Log(1 - random.NextDouble()) / mu; // days from the first purchase
            Purchases(lambda, lifetime, ageDays, spend, random, days, wholeDays);
            var repeat = days.Count - 1;
            x[c] = repeat;
            tx[c] = days[^1].Day / perUnit;
            ages[c] = ageDays / perUnit;
            double total = 0;
            for (var i = 1; i < days.Count; i++) total += days[i].Spend;
            m[c] = repeat == 0 ? 0 : total / repeat;
        }
        return new CustomerSummaries(model.Unit, null, null, x, tx, ages, m);
    }

    /// <summary>
    /// One Pareto/NBD customer's purchase days (or exact times) from their first purchase (time 0): while alive, for
    /// <paramref name="lifetime"/> days from it, and up to day <paramref name="ageDays"/> (the calibration end), as the
    /// BG/NBD's simulation counts them.
    /// </summary>
    private static void Purchases(double lambda, double lifetime, int ageDays, GammaGammaModel? spend, Random random, List<(double Day, double Spend)> days,
        bool wholeDays)
    {
        days.Clear();
        var nu = spend is null ? 0 : Gamma.Sample(random, spend.Q, spend.Gamma);
        double Spend() => spend is null ? 0 : Gamma.Sample(random, spend.P, nu);
        days.Add((0, Spend()));
        var start = wholeDays ? random.NextDouble() : 0;
        var time = start;
        while (true)
        {
            time += -Math.Log(1 - random.NextDouble()) / lambda;
            if (time - start > lifetime) break;
            var day = wholeDays ? Math.Floor(time) : time;
            if (day > ageDays) break;
            if (wholeDays && days[^1].Day == day) days[^1] = (day, days[^1].Spend + Spend());
            else days.Add((day, Spend()));
        }
    }

    /// <summary>
    /// (customer, day, amount) rows of <paramref name="customers"/> customers whose first purchases are spread uniformly over
    /// the <paramref name="acquisitionDays"/> days from <paramref name="firstDay"/>, observed up to <paramref name="lastDay"/>.
    /// Amounts are rounded to cents (at least 0.01); without a spend model every purchase is 10.00.
    /// </summary>
    public static IReadOnlyList<(string CustomerKey, DateOnly Day, decimal Amount)> BgNbdTransactions(BgNbdModel model, GammaGammaModel? spend,
        int customers, DateOnly firstDay, int acquisitionDays, DateOnly lastDay, int seed)
    {
        var rows = new List<(string, DateOnly, decimal)>();
        var random = new Random(seed);
        var days = new List<(double Day, double Spend)>();
        for (var c = 0; c < customers; c++)
        {
            var start = firstDay.AddDays(random.Next(acquisitionDays));
            var ageDays = lastDay.DayNumber - start.DayNumber;
            if (ageDays < 0) continue;
            Simulate(model, spend, random, ageDays, days, wholeDays: true);
            var key = "sim-" + c.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (day, amount) in days)
                rows.Add((key, start.AddDays((int)day), spend is null ? 10m : Math.Max(0.01m, Math.Round((decimal)amount, 2))));
        }
        return rows;
    }

    /// <summary>One customer over <paramref name="ageDays"/> days from their first purchase (time 0): their purchase days (or exact times) and each one's spend.</summary>
    private static void Simulate(BgNbdModel model, GammaGammaModel? spend, Random random, int ageDays, List<(double Day, double Spend)> days, bool wholeDays)
    {
        days.Clear();
        var perUnit = model.Unit.DaysPer();
        var lambda = Gamma.Sample(random, model.R, model.Alpha) / perUnit; // per day
        var p = Beta.Sample(random, model.A, model.B);
        var nu = spend is null ? 0 : Gamma.Sample(random, spend.Q, spend.Gamma);
        double Spend() => spend is null ? 0 : Gamma.Sample(random, spend.P, nu);
        days.Add((0, Spend()));
        // The first purchase at a random time of day 0, as real first purchases are; days are cut from there.
        var start = wholeDays ? random.NextDouble() : 0;
        var time = start;
        // As in the model's likelihood, the first purchase starts the relationship; dropping out follows repeat purchases.
        while (true)
        {
            time += -Math.Log(1 - random.NextDouble()) / lambda;
            var day = wholeDays ? Math.Floor(time) : time;
            if (day > ageDays) break;
            if (wholeDays && days[^1].Day == day) days[^1] = (day, days[^1].Spend + Spend());
            else days.Add((day, Spend()));
            if (random.NextDouble() < p) break;
        }
    }
}
