using System.Collections;
using System.Globalization;

namespace Retention.Core.Models;

/// <summary>
/// The <see cref="CustomerSummary"/> of every customer of a shop at one calibration end, held as columns (a million
/// customers are five arrays, not a million objects); <see cref="Compress"/> folds them into the distinct
/// (x, t_x, T) triples the fitters and predictions work on.
/// </summary>
public sealed class CustomerSummaries : IReadOnlyList<CustomerSummary>
{
    private readonly string[]? _keys;
    private SummaryTriples? _triples;

    internal CustomerSummaries(ModelTimeUnit unit, DateOnly? calibrationEnd, string[]? keys, int[] frequency, double[] recency, double[] age,
        double[] monetary)
    {
        Unit = unit;
        CalibrationEnd = calibrationEnd;
        _keys = keys;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        Monetary = monetary;
    }

    public ModelTimeUnit Unit { get; }

    /// <summary>The day the summaries were taken at; null for summaries read as such (a summary file).</summary>
    public DateOnly? CalibrationEnd { get; }

    public int Count => Frequency.Length;

    /// <summary>x of each customer.</summary>
    internal int[] Frequency { get; }

    /// <summary>t_x of each customer.</summary>
    internal double[] Recency { get; }

    /// <summary>T of each customer: their age at the calibration end.</summary>
    internal double[] Age { get; }

    /// <summary>z̄ of each customer.</summary>
    internal double[] Monetary { get; }

    public string KeyOf(int index) => KeyOf(_keys, index);

    /// <summary>The key of customer <paramref name="index"/> of <paramref name="keys"/>; of summaries without keys (a simulation) made from the index.</summary>
    internal static string KeyOf(string[]? keys, int index) => keys?[index] ?? "sim-" + index.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The customers' keys, null for summaries without them: for a list that keeps the keys and not the rest.</summary>
    internal string[]? Keys => _keys;

    public CustomerSummary this[int index] => new(KeyOf(index), Frequency[index], Recency[index], Age[index], Monetary[index]);

    /// <summary>Customers with at least one repeat purchase day (x ≥ 1).</summary>
    public int RepeatBuyers => Frequency.Count(x => x > 0);

    /// <summary>The longest T: how far back the oldest customer's first purchase is, in the time unit.</summary>
    public double LongestAge => Count == 0 ? 0 : Age.Max();

    /// <summary>The distinct (x, t_x, T) triples with their customer counts; computed once.</summary>
    public SummaryTriples Compress() => _triples ??= SummaryTriples.Of(Frequency, Recency, Age);

    public IEnumerator<CustomerSummary> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Summaries known as such (a summary file, a simulation); each is checked: x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0.</summary>
    public static CustomerSummaries Of(IEnumerable<CustomerSummary> customers, ModelTimeUnit unit = ModelTimeUnit.Week, DateOnly? calibrationEnd = null)
    {
        var list = customers as IReadOnlyList<CustomerSummary> ?? customers.ToList();
        var keys = new string[list.Count];
        var x = new int[list.Count];
        var tx = new double[list.Count];
        var age = new double[list.Count];
        var m = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var c = list[i];
            Validate(c.CustomerKey, c.Frequency, c.Recency, c.Age, c.Monetary);
            (keys[i], x[i], tx[i], age[i], m[i]) = (c.CustomerKey, c.Frequency, c.Recency, c.Age, c.Monetary);
        }
        return new CustomerSummaries(unit, calibrationEnd, keys, x, tx, age, m);
    }

    internal static void Validate(string key, int x, double tx, double age, double monetary)
    {
        if (x < 0) throw new ArgumentException($"customer {key}: x must be >= 0, not {x}");
        if (!double.IsFinite(tx) || !double.IsFinite(age) || tx < 0 || age < tx)
            throw new ArgumentException($"customer {key}: t_x and T must satisfy 0 <= t_x <= T, not t_x = {tx}, T = {age}");
        if (x == 0 && tx != 0) throw new ArgumentException($"customer {key}: t_x must be 0 when x = 0, not {tx}");
        if (!double.IsFinite(monetary)) throw new ArgumentException($"customer {key}: monetary must be a number, not {monetary}");
    }

    /// <summary>Folds each customer's rows into a summary: one purchase per day, x, t_x, T, repeat-day mean spend.</summary>
    internal sealed class Builder(DateOnly calibrationEnd, ModelTimeUnit unit)
    {
        private readonly List<string> _keys = [];
        private readonly List<int> _x = [];
        private readonly List<double> _tx = [];
        private readonly List<double> _age = [];
        private readonly List<double> _m = [];

        /// <summary>One customer's rows, by day ascending (same-day rows adjacent).</summary>
        public void Add(string key, ReadOnlySpan<int> rows, Func<int, int> dayOf, Func<int, decimal> amountOf)
        {
            var days = new int[rows.Length];
            var amounts = new decimal[rows.Length];
            for (var i = 0; i < rows.Length; i++) (days[i], amounts[i]) = (dayOf(rows[i]), amountOf(rows[i]));
            Add(key, days, amounts);
        }

        /// <summary>One customer's purchase days ascending (same-day purchases adjacent) and their amounts.</summary>
        public void Add(string key, ReadOnlySpan<int> days, ReadOnlySpan<decimal> amounts)
        {
            var first = days[0];
            int last = first, x = 0;
            decimal repeatSpend = 0;
            for (var i = 0; i < days.Length; i++)
            {
                var day = days[i];
                if (day != first)
                {
                    if (day != last) x++;
                    repeatSpend += amounts[i];
                }
                last = day;
            }
            var perUnit = unit.DaysPer();
            _keys.Add(key);
            _x.Add(x);
            _tx.Add((last - first) / perUnit);
            _age.Add((calibrationEnd.DayNumber - first) / perUnit);
            _m.Add(x == 0 ? 0 : (double)(repeatSpend / x));
        }

        public CustomerSummaries Build() => new(unit, calibrationEnd, [.. _keys], [.. _x], [.. _tx], [.. _age], [.. _m]);
    }
}
