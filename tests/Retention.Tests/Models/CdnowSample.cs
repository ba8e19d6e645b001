using System.Globalization;
using Retention.Core.Models;
using Retention.Tests.Support;

namespace Retention.Tests.Models;

/// <summary>
/// The CDNOW 1/10 sample of the papers (<c>../shared/reference/README.md</c>): 6,919 transactions of 2,357 customers,
/// read as (customer = the sample id, day, dollar value) rows, and its summary as the published figures use it
/// (calibration to 1997-09-30, weeks).
/// </summary>
public static class CdnowSample
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    private static readonly Lazy<IReadOnlyList<(string CustomerKey, DateOnly Day, decimal Amount)>> LazyRows = new(() =>
    {
        var rows = new List<(string, DateOnly, decimal)>();
        foreach (var line in File.ReadLines(RepositoryRoot.Shared("reference", "cdnow", "CDNOW_sample.txt")))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 5 || !f[1].All(char.IsAsciiDigit)) continue;
            rows.Add((int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        return rows;
    });

    private static readonly Lazy<CustomerSummaries> LazySummaries = new(() => CustomerSummary.FromPurchases(Rows, CalibrationEnd, ModelTimeUnit.Week));

    public static IReadOnlyList<(string CustomerKey, DateOnly Day, decimal Amount)> Rows => LazyRows.Value;

    public static CustomerSummaries Summaries => LazySummaries.Value;

    /// <summary>The published summary file: ID → (x, t_x, T, zbar), t_x, T and zbar to 2 decimals.</summary>
    public static IReadOnlyDictionary<string, (int X, double Tx, double T, double Zbar)> PublishedSummary() =>
        File.ReadLines(RepositoryRoot.Shared("reference", "cdnow", "cdnow_customers_summary_with_transactions.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => f[0], f => (int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
}
