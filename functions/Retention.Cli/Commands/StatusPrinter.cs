using System.Globalization;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Status;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary><see cref="PipelineStatus"/> as the on-call engineer reads it in a terminal, ending with one verdict line.</summary>
public static class StatusPrinter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    public const string Healthy = "healthy";
    public const string NoNightYet = "no night yet";
    public const string NoDeliveryYet = "no delivery yet";

    public static void Print(PipelineStatus status, TextWriter output)
    {
        output.WriteLine($"{"queue",-24}{"depth",7}{"poison",8}  oldest message");
        foreach (var q in status.Queues)
            output.WriteLine(string.Create(C, $"{q.Queue,-24}{q.Depth,7:N0}{q.Poison,8:N0}  {(q.OldestQueuedAt is { } at ? Moment(at, status.ReadAt) : "-")}"));

        if (status.Shops.Count == 0)
        {
            output.WriteLine();
            output.WriteLine("no shop is registered ('retention shops add' registers one)");
        }
        foreach (var shop in status.Shops)
        {
            output.WriteLine();
            output.WriteLine($"shop {shop.ShopId}");
            if (shop.Deliveries.Count == 0) output.WriteLine($"  {"last delivery",-15}{NoDeliveryYet}");
            for (var i = 0; i < shop.Deliveries.Count; i++)
                output.WriteLine($"  {(i == 0 ? "last delivery" : ""),-15}{shop.Deliveries[i].Platform,-13}{Moment(shop.Deliveries[i].At, status.ReadAt)}");
            output.WriteLine($"  {"last night",-15}{(shop.LastNight is { } night ? Night(night) : NoNightYet)}");
        }

        output.WriteLine();
        output.WriteLine(Verdict(status));
    }

    /// <summary><c>healthy</c>, or <c>needs attention:</c> and what needs it.</summary>
    public static string Verdict(PipelineStatus status)
    {
        var concerns = status.Queues.Where(q => q.Poison > 0)
            .Select(q => string.Create(C, $"{q.Poison:N0} message{(q.Poison == 1 ? "" : "s")} in {PoisonQueues.PoisonName(q.Queue)} ('retention poison list --queue {q.Queue}')"))
            .Concat(status.Shops.Where(s => s.LastNightFailed).Select(s => $"the latest night of {s.ShopId} failed"))
            .ToList();
        return concerns.Count == 0 ? Healthy : "needs attention: " + string.Join("; ", concerns);
    }

    private static string Night(NightRunRecord night)
    {
        var started = $"started {Time(night.StartedAt)}";
        return night.Outcome == NightOutcome.Completed
            ? string.Create(C, $"{night.AsOf:yyyy-MM-dd} {NightRunTable.CompletedOutcome}: {started}, took {Duration(night.Duration)}, {night.Orders ?? 0:N0} orders")
            : string.Create(C, $"{night.AsOf:yyyy-MM-dd} {NightRunTable.FailedOutcome}: {started}, after {Duration(night.Duration)}: {night.Failure}");
    }

    private static string Moment(DateTimeOffset at, DateTimeOffset now) => $"{Time(at)}  ({Age(now - at)})";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", C);

    /// <summary>How long ago, to the two largest units: <c>42 s ago</c>, <c>3 min ago</c>, <c>2 h 5 min ago</c>, <c>4 d 3 h ago</c>.</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        return age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds} s ago"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h {age.Minutes} min ago"
            : $"{(int)age.TotalDays} d {age.Hours} h ago";
    }

    /// <summary><c>0.42 s</c>, <c>12.4 s</c>, <c>3 min 5 s</c>.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 10 ? duration.TotalSeconds.ToString("0.00", C) + " s"
        : duration.TotalMinutes < 1 ? duration.TotalSeconds.ToString("0.0", C) + " s"
        : string.Create(C, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
}
