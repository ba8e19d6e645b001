using System.Globalization;
using System.Text;

namespace Retention.Cli.Bench;

/// <summary>
/// A deterministic generic-csv history for benchmarks: the same count and seed give the same bytes, so runs
/// compare. Two years of orders from a third as many customers, with timestamps both with an offset and in
/// shop-local time, and the statuses a real export has.
/// </summary>
public static class BenchOrderCsv
{
    public const string Header = "customer_id,order_id,ordered_at,amount,currency,status";
    private static readonly DateTime From = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 731;

    public static string OrderId(int i) => (100_000 + i).ToString(CultureInfo.InvariantCulture);

    public static async Task WriteAsync(string path, int orders, int seed, string currency, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var customers = Math.Max(1, orders / 3);
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        var line = new StringBuilder();
        await file.WriteAsync(Header + "\n");
        for (var i = 0; i < orders; i++)
        {
            var at = From.AddSeconds(random.NextDouble() * Days * 86_400);
            // A third in shop-local time without an offset, as back offices export; the rest in UTC.
            var orderedAt = random.Next(3) == 0
                ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                : at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var amount = Math.Round(5m + (decimal)(random.NextDouble() * random.NextDouble() * 200), 2);
            var status = random.Next(100) switch
            {
                < 88 => "paid",
                < 94 => "fulfilled",
                < 96 => "refunded",
                < 98 => "cancelled",
                _ => "pending",
            };
            line.Clear()
                .Append("cust-").Append(random.Next(customers).ToString("D7", CultureInfo.InvariantCulture)).Append(',')
                .Append(OrderId(i)).Append(',')
                .Append(orderedAt).Append(',')
                .Append(amount.ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                .Append(currency).Append(',')
                .Append(status).Append('\n');
            await file.WriteAsync(line, cancellationToken);
        }
    }
}
