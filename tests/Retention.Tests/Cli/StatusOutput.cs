using System.Globalization;
using System.Text.RegularExpressions;

namespace Retention.Tests.Cli;

/// <summary>What <c>retention status</c> printed, read back line by line: a queue's row, a shop's block, the verdict.</summary>
public sealed partial class StatusOutput(string text)
{
    private readonly string[] _lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public string Text => text;

    /// <summary>The verdict: the last line.</summary>
    public string Verdict => _lines[^1];

    /// <summary>The queue's row: depth, poison count, and the oldest message's column ("-" when none).</summary>
    public (int Depth, int Poison, string Oldest) Queue(string queue)
    {
        var row = _lines.Select(l => QueueRow().Match(l)).SingleOrDefault(m => m.Success && m.Groups["queue"].Value == queue);
        Assert.True(row is not null, $"no row for queue {queue} in:\n{text}");
        return (int.Parse(row.Groups["depth"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            int.Parse(row.Groups["poison"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), row.Groups["oldest"].Value);
    }

    public bool ShowsShop(string shop) => _lines.Contains("shop " + shop);

    /// <summary>The lines of the shop's block, without their leading spaces.</summary>
    public IReadOnlyList<string> Shop(string shop)
    {
        var start = Array.IndexOf(_lines, "shop " + shop);
        Assert.True(start >= 0, $"no block for shop {shop} in:\n{text}");
        return [.. _lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim())];
    }

    /// <summary>The shop's last delivery of the platform as printed (to the second), or null when none is shown.</summary>
    public DateTimeOffset? LastDelivery(string shop, string platform)
    {
        var match = Shop(shop).Select(l => DeliveryLine().Match(l)).FirstOrDefault(m => m.Success && m.Groups["platform"].Value == platform);
        return match is null ? null : Time(match.Groups["at"].Value);
    }

    /// <summary>The text after "last night".</summary>
    public string LastNight(string shop) =>
        Shop(shop).Single(l => l.StartsWith("last night", StringComparison.Ordinal))["last night".Length..].Trim();

    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"^(?<queue>[a-z-]+)\s+(?<depth>[\d,]+)\s+(?<poison>[\d,]+)  (?<oldest>.+)$")]
    private static partial Regex QueueRow();

    [GeneratedRegex(@"^(?:last delivery\s+)?(?<platform>[a-z]+)\s+(?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)  \(.+ ago\)$")]
    private static partial Regex DeliveryLine();
}
