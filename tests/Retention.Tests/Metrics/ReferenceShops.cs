using System.Globalization;
using DuckDB.NET.Data;
using Retention.Cli.Bench;
using Retention.Core.Metrics;
using Retention.Tests.Support;

namespace Retention.Tests.Metrics;

/// <summary>
/// The two real shops of the team's reference data (<c>../shared/reference/README.md</c>), each row one order
/// (order id = row number, day = the date), parsed here for the metrics and loaded into DuckDB, from the same
/// file, as table <c>{name}</c>(customer, day, amount) for the independent SQL computations.
/// </summary>
public sealed class ReferenceShops : IDisposable
{
    /// <summary>The settings under which the reference figures are compared: a fixed churn threshold and a margin.</summary>
    public static readonly RetentionSettings Settings = new(ChurnDays: 90, GrossMarginRate: 0.30m);

    private readonly Dictionary<string, Lazy<ReferenceShop>> _shops;

    public ReferenceShops()
    {
        Sql = new DuckDBConnection("DataSource=:memory:");
        Sql.Open();
        _shops = new(StringComparer.Ordinal)
        {
            ["cdnow"] = new(() => Load("cdnow", new DateOnly(1998, 6, 30), RepositoryRoot.Shared("reference", "cdnow", "CDNOW_master.txt"), ReadCdnow,
                // Whitespace-separated with leading blanks and CRLF; the file starts with a header line the README does not mention.
                path => $"""
                    select parts[1] as customer, strptime(parts[2], '%Y%m%d')::date as day, parts[4]::decimal(18, 2) as amount
                    from (select string_split_regex(trim(replace(line, chr(13), '')), '\s+') as parts
                          from read_csv('{path}', header = false, auto_detect = false, delim = '\t', quote = '', columns = {"{"}'line': 'VARCHAR'{"}"}))
                    where len(parts) = 4 and regexp_full_match(parts[1], '[0-9]+')
                    """)),
            ["apparel"] = new(() => Load("apparel", new DateOnly(2010, 12, 20), RepositoryRoot.Shared("reference", "apparel", "apparelTrans.csv"), ReadApparel,
                path => $"""
                    select "Id" as customer, "Date" as day, "Price"::decimal(18, 2) as amount
                    from read_csv('{path}', header = true, columns = {"{"}'Id': 'VARCHAR', 'Date': 'DATE', 'Price': 'VARCHAR'{"}"})
                    """)),
        };
    }

    public DuckDBConnection Sql { get; }

    public ReferenceShop this[string name] => _shops[name].Value;

    public static TheoryData<string> Names => new("cdnow", "apparel");

    /// <summary>Rows of a query as arrays of column values (DuckDB's .NET types: long, decimal, double, string…).</summary>
    public List<object?[]> Rows(string sql)
    {
        lock (Sql)
        {
            return DuckDbRows.Read(Sql, sql);
        }
    }

    public void Dispose() => Sql.Dispose();

    private ReferenceShop Load(string name, DateOnly asOf, string path, Func<string, List<Purchase>> read, Func<string, string> select)
    {
        var purchases = read(path);
        lock (Sql)
        {
            using var command = Sql.CreateCommand();
            command.CommandText = $"create table {name} as {select(path.Replace("'", "''", StringComparison.Ordinal))}";
            command.ExecuteNonQuery();
        }
        var history = PurchaseHistory.FromPurchases(asOf, purchases);
        return new ReferenceShop(name, asOf, purchases.Count, history, RetentionMetrics.Compute(history, Settings));
    }

    private static List<Purchase> ReadCdnow(string path)
    {
        var purchases = new List<Purchase>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4 || !fields[0].All(char.IsAsciiDigit)) continue; // the header line
            purchases.Add(new Purchase(fields[0], (purchases.Count + 1).ToString(CultureInfo.InvariantCulture),
                DateOnly.ParseExact(fields[1], "yyyyMMdd", CultureInfo.InvariantCulture), decimal.Parse(fields[3], CultureInfo.InvariantCulture)));
        }
        return purchases;
    }

    private static List<Purchase> ReadApparel(string path)
    {
        var purchases = new List<Purchase>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            purchases.Add(new Purchase(fields[0].Trim('"'), (purchases.Count + 1).ToString(CultureInfo.InvariantCulture),
                DateOnly.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(fields[2], CultureInfo.InvariantCulture)));
        }
        return purchases;
    }
}

/// <summary>One reference shop: its purchases as the metrics see them and the figures computed under <see cref="ReferenceShops.Settings"/>.</summary>
public sealed record ReferenceShop(string Name, DateOnly AsOf, int Rows, PurchaseHistory History, RetentionFigures Figures)
{
    /// <summary>The as-of day as a DuckDB date literal.</summary>
    public string AsOfSql => $"date '{AsOf:yyyy-MM-dd}'";
}
