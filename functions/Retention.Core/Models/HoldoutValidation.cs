using System.Globalization;

namespace Retention.Core.Models;

/// <summary>A transaction history cut at a calibration end: the calibration summaries and what each of those customers did next.</summary>
/// <param name="HoldoutPurchases">Per customer of <paramref name="Calibration"/> (same order): purchase days in (calibration end, holdout end].</param>
/// <param name="HoldoutLength">The holdout's length in the model's time unit: the horizon t the models forecast it over.</param>
public sealed record HoldoutSplit(CustomerSummaries Calibration, DateOnly CalibrationEnd, DateOnly HoldoutEnd, double HoldoutLength, int[] HoldoutPurchases);

/// <summary>Customers with the same number of calibration repeat purchases: their mean actual and predicted holdout purchases.</summary>
/// <param name="Label">"0" … "6", "7+".</param>
/// <param name="PredictedMean">Null when the model was not fitted.</param>
public sealed record HoldoutGroup(string Label, int Customers, double ActualMean, double? PredictedMean);

/// <summary>
/// How one model predicted the holdout (<c>docs/models.md</c>, "Holdout validation"). <see cref="RootMeanSquaredError"/>
/// is per customer (predicted vs actual purchase days in the holdout) and is what the chooser compares.
/// </summary>
public sealed record HoldoutReport(string Model, bool Fitted, FitFailure? Failure, int Customers, double ActualPurchases, double PredictedPurchases,
    double? MeanAbsoluteError, double? RootMeanSquaredError, IReadOnlyList<HoldoutGroup> ByCalibrationPurchases)
{
    /// <summary>(predicted − actual) / actual over all customers; null without actual purchases.</summary>
    public double? TotalError => ActualPurchases > 0 && Fitted ? (PredictedPurchases - ActualPurchases) / ActualPurchases : null;

    /// <summary>Customers by holdout purchases 0 … 7+, actual and predicted, and the 80 % intervals' coverage; null when not fitted.</summary>
    public HoldoutCalibration? Calibration { get; init; }
}

/// <summary>
/// The purchase models on the same holdout, and the one chosen: the lowest per-customer RMSE among those fitted; on a
/// tie the earlier of BG/NBD, Pareto/NBD, MBG/NBD (<see cref="Reports"/>' order). MBG/NBD came last, so it is chosen only
/// where it beats both of the others: where it does not, the choice is what it was between the two.
/// </summary>
public sealed record HoldoutComparison(DateOnly CalibrationEnd, DateOnly HoldoutEnd, double HoldoutLength, HoldoutReport BgNbd, HoldoutReport ParetoNbd,
    HoldoutReport MbgNbd, string? Chosen)
{
    /// <summary>Every candidate's report, in the chooser's order of preference on a tie.</summary>
    public IReadOnlyList<HoldoutReport> Reports => [BgNbd, ParetoNbd, MbgNbd];

    /// <summary>The report of the model named (<see cref="ModelNames"/>), or null.</summary>
    public HoldoutReport? ReportOf(string? model) => Reports.FirstOrDefault(r => r.Model == model);
}

/// <summary>
/// Holdout validation: fit on the history up to a calibration end, predict each customer's repeat purchases up to the
/// holdout end, and compare with what they did, overall and by calibration repeat purchases (0, 1, …, 6, 7+).
/// </summary>
public static class HoldoutValidation
{
    public const int GroupCap = 7;

    public static HoldoutSplit Split(IEnumerable<(string CustomerKey, DateOnly Day, decimal Amount)> rows, DateOnly calibrationEnd, DateOnly holdoutEnd,
        ModelTimeUnit unit = ModelTimeUnit.Week)
    {
        if (holdoutEnd <= calibrationEnd) throw new ArgumentException($"the holdout end {holdoutEnd:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}");
        var list = rows as IReadOnlyCollection<(string CustomerKey, DateOnly Day, decimal Amount)> ?? rows.ToList();
        var calibration = CustomerSummary.FromPurchases(list, calibrationEnd, unit);
        var index = new Dictionary<string, int>(calibration.Count, StringComparer.Ordinal);
        for (var i = 0; i < calibration.Count; i++) index[calibration.KeyOf(i)] = i;
        var days = new HashSet<(int, DateOnly)>();
        var holdout = new int[calibration.Count];
        foreach (var (key, day, _) in list)
            if (day > calibrationEnd && day <= holdoutEnd && index.TryGetValue(key, out var i) && days.Add((i, day))) holdout[i]++;
        return new HoldoutSplit(calibration, calibrationEnd, holdoutEnd, (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / unit.DaysPer(), holdout);
    }

    /// <summary>
    /// The same split of a purchase history, read from its columns: a customer's purchases are already together and by day,
    /// so no rows are copied and no set of (customer, day) pairs is kept (the nightly forecast's split at millions of purchases).
    /// </summary>
    public static HoldoutSplit Split(Metrics.PurchaseHistory history, DateOnly calibrationEnd, DateOnly holdoutEnd, ModelTimeUnit unit = ModelTimeUnit.Week)
    {
        if (holdoutEnd <= calibrationEnd) throw new ArgumentException($"the holdout end {holdoutEnd:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}");
        var calibration = CustomerSummary.FromPurchases(history, calibrationEnd, unit);
        var table = history.Table;
        var holdout = new int[calibration.Count];
        int end = calibrationEnd.DayNumber, holdoutLast = holdoutEnd.DayNumber, i = 0;
        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], stop = table.CustomerStart[c + 1];
            // A customer first seen after the calibration end is not in the calibration (FromPurchases skips them alike).
            if (table.Day[start] > end) continue;
            int days = 0, last = end;
            for (var p = start; p < stop; p++)
            {
                var day = table.Day[p];
                if (day > last && day <= holdoutLast) (days, last) = (days + 1, day);
            }
            holdout[i++] = days;
        }
        return new HoldoutSplit(calibration, calibrationEnd, holdoutEnd, (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / unit.DaysPer(), holdout);
    }

    public static HoldoutReport Evaluate(IPurchaseModel model, HoldoutSplit split)
    {
        var customers = split.Calibration;
        var triples = customers.Compress();
        var perTriple = new double[triples.Count];
        for (var k = 0; k < triples.Count; k++)
            perTriple[k] = model.ConditionalExpectedPurchases(triples.X[k], triples.Tx[k], triples.T[k], split.HoldoutLength);
        var groups = new (int Customers, double Actual, double Predicted)[GroupCap + 1];
        double actual = 0, predicted = 0, absolute = 0, squared = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var p = perTriple[triples.TripleOfCustomer[i]];
            var a = split.HoldoutPurchases[i];
            actual += a;
            predicted += p;
            absolute += Math.Abs(p - a);
            squared += (p - a) * (p - a);
            ref var g = ref groups[Math.Min(customers.Frequency[i], GroupCap)];
            g.Customers++;
            g.Actual += a;
            g.Predicted += p;
        }
        var n = Math.Max(1, customers.Count);
        return new HoldoutReport(model.Name, true, null, customers.Count, actual, predicted, absolute / n, Math.Sqrt(squared / n), Groups(groups))
        {
            Calibration = HoldoutCalibration.Compute(model, split),
        };
    }

    /// <summary>Fits the purchase models (BG/NBD, Pareto/NBD, MBG/NBD) on the calibration summaries, evaluates each on the holdout and picks one.</summary>
    public static HoldoutComparison Compare(HoldoutSplit split, FitRequirements? requirements = null)
    {
        var bg = BgNbdFitter.Fit(split.Calibration, requirements);
        var pareto = ParetoNbdFitter.Fit(split.Calibration, requirements);
        var mbg = MbgNbdFitter.Fit(split.Calibration, requirements);
        var bgReport = bg.Model is { } b ? Evaluate(b, split) : NotFitted(bg.ModelName, bg.Failure!, split);
        var paretoReport = pareto.Model is { } p ? Evaluate(p, split) : NotFitted(pareto.ModelName, pareto.Failure!, split);
        var mbgReport = mbg.Model is { } m ? Evaluate(m, split) : NotFitted(mbg.ModelName, mbg.Failure!, split);
        // The lowest RMSE; a later candidate must be strictly lower to displace an earlier one.
        HoldoutReport? best = null;
        foreach (var report in new[] { bgReport, paretoReport, mbgReport })
            if (report.RootMeanSquaredError is { } e && (best is null || e < best.RootMeanSquaredError!.Value)) best = report;
        return new HoldoutComparison(split.CalibrationEnd, split.HoldoutEnd, split.HoldoutLength, bgReport, paretoReport, mbgReport, best?.Model);
    }

    private static HoldoutReport NotFitted(string model, FitFailure failure, HoldoutSplit split)
    {
        var groups = new (int Customers, double Actual, double Predicted)[GroupCap + 1];
        double actual = 0;
        for (var i = 0; i < split.Calibration.Count; i++)
        {
            ref var g = ref groups[Math.Min(split.Calibration.Frequency[i], GroupCap)];
            g.Customers++;
            g.Actual += split.HoldoutPurchases[i];
            actual += split.HoldoutPurchases[i];
        }
        return new HoldoutReport(model, false, failure, split.Calibration.Count, actual, 0, null, null,
            Groups(groups).Select(g => g with { PredictedMean = null }).ToList());
    }

    private static List<HoldoutGroup> Groups((int Customers, double Actual, double Predicted)[] groups) =>
        groups.Select((g, x) => new HoldoutGroup(x == GroupCap ? $"{GroupCap}+" : x.ToString(CultureInfo.InvariantCulture), g.Customers,
            g.Customers == 0 ? 0 : g.Actual / g.Customers, g.Customers == 0 ? 0 : g.Predicted / g.Customers)).ToList();
}
