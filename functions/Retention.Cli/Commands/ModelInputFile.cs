using System.Globalization;
using Retention.Core.Models;

namespace Retention.Cli.Commands;

/// <summary>
/// The input files of <c>retention model fit</c>: transactions (<c>customer_id,date,amount</c>) or summaries
/// (<c>customer_id,x,t_x,T[,monetary]</c>), each with a header naming its columns in any order. A bad row stops the
/// read with its line number and what is wrong (<see cref="InvalidDataException"/>: one line, exit 1).
/// </summary>
public static class ModelInputFile
{
    public static List<(string CustomerKey, DateOnly Day, decimal Amount)> ReadTransactions(string path)
    {
        var rows = new List<(string, DateOnly, decimal)>();
        var (columns, lines) = Open(path, ["customer_id", "date", "amount"], []);
        foreach (var (number, fields) in lines)
        {
            var key = fields[columns["customer_id"]];
            if (key.Length == 0) throw Bad(path, number, "customer_id is empty");
            var dateText = fields[columns["date"]];
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw Bad(path, number, $"date must be YYYY-MM-DD, not '{dateText}'");
            var amountText = fields[columns["amount"]];
            if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                throw Bad(path, number, $"amount must be a number like 12.50, not '{amountText}'");
            rows.Add((key, day, amount));
        }
        return rows;
    }

    public static CustomerSummaries ReadSummaries(string path, ModelTimeUnit unit)
    {
        var (columns, lines) = Open(path, ["customer_id", "x", "t_x", "T"], ["monetary"]);
        var customers = new List<CustomerSummary>();
        var hasMonetary = columns.ContainsKey("monetary");
        foreach (var (number, fields) in lines)
        {
            double Number(string column)
            {
                var text = fields[columns[column]];
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                    ? value
                    : throw Bad(path, number, $"{column} must be a number, not '{text}'");
            }
            var key = fields[columns["customer_id"]];
            var xText = fields[columns["x"]];
            if (!int.TryParse(xText, NumberStyles.None, CultureInfo.InvariantCulture, out var x))
                throw Bad(path, number, $"x must be a whole number >= 0, not '{xText}'");
            var summary = new CustomerSummary(key, x, Number("t_x"), Number("T"), hasMonetary ? Number("monetary") : 0);
            try
            {
                CustomerSummaries.Of([summary]);
            }
            catch (ArgumentException e)
            {
                throw Bad(path, number, e.Message);
            }
            customers.Add(summary);
        }
        return CustomerSummaries.Of(customers, unit);
    }

    public static bool HasColumn(string path, string column) =>
        File.ReadLines(path).FirstOrDefault()?.Split(',').Any(h => string.Equals(h.Trim(), column, StringComparison.Ordinal)) == true;

    private static (Dictionary<string, int> Columns, IEnumerable<(int Number, string[] Fields)> Lines) Open(string path, string[] required, string[] optional)
    {
        if (!File.Exists(path)) throw new CliUsageException($"--input: no such file '{path}'");
        var header = File.ReadLines(path).FirstOrDefault() ?? throw new InvalidDataException($"{path} is empty; it needs a header line: {string.Join(',', required)}");
        var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
            if (required.Contains(names[i]) || optional.Contains(names[i])) columns[names[i]] = i;
        var missing = required.Where(r => !columns.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{path}: the header must name {string.Join(',', required)}; missing {string.Join(", ", missing)} (header: '{header}')");
        return (columns, Lines());

        IEnumerable<(int, string[])> Lines()
        {
            var number = 1;
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                number++;
                if (line.Trim().Length == 0) continue;
                var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
                if (fields.Length < names.Length) throw Bad(path, number, $"{fields.Length} fields, the header has {names.Length}");
                yield return (number, fields);
            }
        }
    }

    private static InvalidDataException Bad(string path, int line, string what) => new($"{path} line {line}: {what}");
}
