using System.Text.RegularExpressions;
using Retention.Pipeline.Telemetry;
using Retention.Tests.Support;

namespace Retention.Tests.Docs;

/// <summary>docs/telemetry.md lists every metric the pipeline records, with the unit it is recorded in, and no other.</summary>
public partial class TelemetryDocsTests
{
    [Fact]
    public void The_metrics_table_names_every_metric_with_its_unit()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "telemetry.md"));
        var documented = MetricRow().Matches(doc).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var units = new Dictionary<string, string?>();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == RetentionMetrics.MeterName) units[instrument.Name] = instrument.Unit;
        };
        listener.Start();
        _ = new RetentionMetrics();

        Assert.Equal(RetentionMetrics.All.Order(), documented.Keys.Order());
        Assert.Equal(RetentionMetrics.All.Order(), units.Keys.Order());
        foreach (var (name, unit) in units) Assert.True(documented[name] == unit, $"{name}: recorded in {unit}, documented in {documented[name]}");
    }

    /// <summary>A row of the table: <c>| `name` | instrument | `unit` | …</c>.</summary>
    [GeneratedRegex(@"^\| `(retention\.[a-z_.]+)` \| [a-z]+ \| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricRow();
}
