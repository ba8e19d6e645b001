using Retention.Core.Models;

namespace Retention.Core.Datasets;

/// <summary>The forecast's report, one line each (<see cref="ModelReport"/>, <c>docs/models.md</c>).</summary>
public static class ModelReportDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<ModelReportRow>("model_report", "line of the forecast's report", "snapshotmodel",
        night => ModelReport.Rows(night.Forecast),
        c => c
            .Text("section", r => r.Section)
            .Text("model", r => r.Model)
            .Text("name", r => r.Name)
            .Double("value", r => r.Value)
            .Double("standard_error", r => r.StandardError)
            .Int("customers", r => r.Customers)
            .Double("actual", r => r.Actual)
            .Double("predicted", r => r.Predicted)
            .Text("text", r => r.Text)
            .Double("low", r => r.Low)
            .Double("high", r => r.High),
        key: ["section", "model", "name"]);
}
