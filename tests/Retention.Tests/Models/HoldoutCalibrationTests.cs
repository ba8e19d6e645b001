using System.Globalization;
using Retention.Core.Models;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Models;

/// <summary>
/// The classic check of the predictive distribution on CDNOW (calibration to 1997-09-30, 39-week holdout): customers with
/// 0, 1, …, 7+ holdout purchase days, actual and predicted, against an independent computation: the actual counts in
/// SQL (DuckDB) straight from the sample's file, the predicted ones by a loop over customers with the distributions
/// written out independently (<see cref="PurchaseCountDistributionTests"/>: the BG/NBD's closed form, the Pareto/NBD's
/// closed form of Fader &amp; Hardie's note).
/// </summary>
public class HoldoutCalibrationTests(ITestOutputHelper output)
{
    private static Dictionary<int, long> ActualCountsBySql()
    {
        var path = RepositoryRoot.Shared("reference", "cdnow", "CDNOW_sample.txt").Replace("'", "''", StringComparison.Ordinal);
        var rows = DuckDbQuery.Rows($"""
            with lines as (
                select string_split_regex(trim(replace(line, chr(13), '')), '\s+') as parts
                from read_csv('{path}', header = false, auto_detect = false, delim = '\t', quote = '', columns = {"{"}'line': 'VARCHAR'{"}"})),
            purchases as (
                select parts[2]::int as customer, strptime(parts[3], '%Y%m%d')::date as day
                from lines where len(parts) = 5 and regexp_full_match(parts[2], '[0-9]+')),
            calibrated as (select distinct customer from purchases where day <= date '1997-09-30'),
            holdout as (
                select customer, count(distinct day) as days from purchases
                where day > date '1997-09-30' and day <= date '1998-06-30' group by customer)
            select least(coalesce(holdout.days, 0), 7) as k, count(*) as customers
            from calibrated left join holdout using (customer) group by k order by k
            """);
        return rows.ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Cdnow_holdout_counts_equal_an_independent_computation()
    {
        var split = HoldoutValidation.Split(CdnowSample.Rows, CdnowSample.CalibrationEnd, CdnowSample.HoldoutEnd);
        var comparison = HoldoutValidation.Compare(split);
        var actual = ActualCountsBySql();
        Assert.Equal(2_357, actual.Values.Sum());

        var bg = BgNbdFitter.Fit(split.Calibration).Model!;
        var pareto = ParetoNbdFitter.Fit(split.Calibration).Model!;
        foreach (var (report, conditional) in new (HoldoutReport, Func<int, double, double, int, double>)[]
        {
            (comparison.BgNbd, (x, tx, age, k) => PurchaseCountDistributionTests.BgNbdConditional(bg, x, tx, age, 39, k)),
            (comparison.ParetoNbd, (x, tx, age, k) => PurchaseCountDistributionTests.ParetoNbdConditional(pareto, x, tx, age, 39, k)),
        })
        {
            var calibration = report.Calibration!;
            // Predicted: a plain loop over the customers, P(Y = k) for k < 7 and 1 − P(Y < 7) for 7+.
            var predicted = new double[8];
            foreach (var c in split.Calibration)
            {
                double below = 0;
                for (var k = 0; k < 7; k++)
                {
                    var p = conditional(c.Frequency, c.Recency, c.Age, k);
                    predicted[k] += p;
                    below += p;
                }
                predicted[7] += 1 - below;
            }
            output.WriteLine($"{report.Model}: inside the 80 % interval {calibration.InsideShare:P1} of {calibration.Customers} (the model expects {calibration.ExpectedInside:P1})");
            for (var k = 0; k < 8; k++)
            {
                var row = calibration.Counts[k];
                output.WriteLine($"  {row.Label,-3} actual {row.Actual,5} predicted {row.Predicted,8:F1}");
                Assert.Equal(k == 7 ? "7+" : k.ToString(CultureInfo.InvariantCulture), row.Label);
                Assert.Equal(actual.GetValueOrDefault(k), row.Actual);
                Assert.Equal(predicted[k], row.Predicted, 1e-6 * Math.Max(1, predicted[k]));
            }
            Assert.Equal(2_357, calibration.Counts.Sum(c => c.Actual));
            Assert.Equal(2_357, calibration.Counts.Sum(c => c.Predicted), 1e-6);
            // Independently: each customer's interval from the independent distribution, and whether their holdout fell in it.
            var inside = 0;
            for (var i = 0; i < split.Calibration.Count; i++)
            {
                var c = split.Calibration[i];
                double cumulative = 0;
                int? low = null, high = null;
                for (var k = 0; high is null; k++)
                {
                    cumulative += conditional(c.Frequency, c.Recency, c.Age, k);
                    if (low is null && cumulative >= 0.1 - 1e-12) low = k;
                    if (cumulative >= 0.9 - 1e-12) high = k;
                }
                if (split.HoldoutPurchases[i] >= low && split.HoldoutPurchases[i] <= high) inside++;
            }
            Assert.Equal(inside, calibration.InsideInterval);
        }
    }
}
