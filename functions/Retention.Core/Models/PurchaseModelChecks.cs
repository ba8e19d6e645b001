using System.Globalization;

namespace Retention.Core.Models;

/// <summary>What the BG/NBD and Pareto/NBD fitters share: the insufficient-data checks and turning an estimate into a fit.</summary>
internal static class PurchaseModelChecks
{
    public sealed record Refusal(string Model, NotFittedReason Reason, string Message, int Customers, int Observations);

    /// <summary>The reason not to fit at all, or null: too few customers, too few repeat buyers, too short a history.</summary>
    public static Refusal? Refuse(string model, CustomerSummaries customers, SummaryTriples triples, FitRequirements requirements)
    {
        var c = CultureInfo.InvariantCulture;
        if (customers.Count < requirements.MinimumCustomers)
            return new(model, NotFittedReason.TooFewCustomers,
                $"{customers.Count.ToString("N0", c)} customers; the model needs at least {requirements.MinimumCustomers.ToString("N0", c)}", customers.Count, triples.Count);
        var repeat = customers.RepeatBuyers;
        if (repeat < requirements.MinimumRepeatBuyers)
            return new(model, NotFittedReason.TooFewRepeatBuyers,
                $"{repeat.ToString("N0", c)} customers bought again; the model needs at least {requirements.MinimumRepeatBuyers.ToString("N0", c)}", customers.Count, triples.Count);
        var historyDays = customers.LongestAge * customers.Unit.DaysPer();
        if (historyDays < requirements.MinimumHistoryDays)
            return new(model, NotFittedReason.TooShortHistory,
                $"the oldest first purchase is {historyDays.ToString("0.#", c)} days before the calibration end; the model needs at least {requirements.MinimumHistoryDays.ToString("0.#", c)}",
                customers.Count, triples.Count);
        return null;
    }

    public static ModelFit<TModel> Result<TModel>(string model, MleResult result, int customers, int observations, string[] names,
        Func<double[], TModel> create) where TModel : class
    {
        if (!result.Converged)
            return new ModelFit<TModel>(model, null,
                new FitFailure(result.Degenerate ? NotFittedReason.DegenerateEstimate : NotFittedReason.NoConvergence,
                    result.Degenerate
                        ? "the likelihood keeps rising as a parameter runs off to 0 or infinity: the data cannot pin this model down"
                        : "the optimizer did not converge from any start: " + result.Report.Detail),
                [], null, result.Report, customers, observations);
        var theta = result.LogParameters!.Select(Math.Exp).ToArray();
        var parameters = names.Select((n, i) => new ModelParameter(n, theta[i], result.StandardErrors?[i])).ToArray();
        return new ModelFit<TModel>(model, create(theta), null, parameters, result.LogLikelihood, result.Report, customers, observations)
        {
            LogParameterCovariance = result.LogParameterCovariance,
        };
    }
}
