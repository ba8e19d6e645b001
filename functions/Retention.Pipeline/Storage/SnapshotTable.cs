using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Snapshots;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The <c>snapshots</c> table: PartitionKey = shop, RowKey = as-of date (yyyy-MM-dd), one row per shop and
/// day, so a BI tool reads one day with a point query and a shop's history with one partition scan.
/// The row is the day's commit record: a run withdraws it (<see cref="WithdrawAsync"/>) before it writes the day's
/// dataset rows and saves it after them, naming itself (<see cref="SnapshotRun"/>), so a reader who finds it finds
/// that run's rows whole (<c>docs/storage.md</c>, "Reading a day").
/// </summary>
public sealed class SnapshotTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.SnapshotsTable);

    public static string RowKey(DateOnly asOf) => asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Removes the day's summary row, if any: from now until the next save the day is not there for readers.</summary>
    public async Task WithdrawAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(shopId, RowKey(asOf), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No row (a first run, or a run that died after withdrawing it): already withdrawn.
        }
    }

    public async Task SaveAsync(ShopSnapshot snapshot, RetentionFigures retention, FeedbackFigures feedback, CustomerLifetimeForecast forecast,
        SnapshotRun run, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(snapshot.ShopId, RowKey(snapshot.AsOf))
        {
            // The run whose dataset rows this summary commits, and how many it wrote to each table.
            [SnapshotDayWriter.RunIdProperty] = run.RunId,
            ["DatasetRows"] = JsonSerializer.Serialize(run.DatasetRows),
            ["Currency"] = snapshot.Currency,
            ["Customers"] = snapshot.Customers,
            ["NewCustomers"] = snapshot.NewCustomers,
            ["RepeatCustomers"] = snapshot.RepeatCustomers,
            ["Orders"] = snapshot.Orders,
            ["OrdersOnDay"] = snapshot.OrdersOnDay,
            ["NetRevenue"] = Text(snapshot.NetRevenue),
            ["NetRevenueOnDay"] = Text(snapshot.NetRevenueOnDay),
            ["AverageOrderValue"] = Text(snapshot.AverageOrderValue),
            ["RepeatPurchaseRate"] = Text(snapshot.RepeatPurchaseRate),
            ["PurchaseFrequency"] = Text(snapshot.PurchaseFrequency),
            ["AverageDaysBetweenOrders"] = retention.Lifetime.AverageDaysBetweenOrders?.ToString(CultureInfo.InvariantCulture),
            // The churn threshold in force, and where it came from, so a reader knows what "churned" meant that night.
            ["ChurnDays"] = retention.Churn.Threshold.Days,
            ["ChurnThresholdSource"] = retention.Churn.Threshold.Source.ToString(),
            ["ActiveCustomers"] = retention.Churn.ActiveCustomers,
            ["ChurnedCustomers"] = retention.Churn.ChurnedCustomers,
            ["GrossMarginRate"] = retention.Settings.GrossMarginRate?.ToString(CultureInfo.InvariantCulture),
            ["Nps"] = feedback.Overall.Nps.Score?.ToString(CultureInfo.InvariantCulture),
            ["NpsAnswers"] = feedback.Overall.Nps.Answers,
            ["Csat"] = feedback.Overall.Csat.Score?.ToString(CultureInfo.InvariantCulture),
            ["CsatAnswers"] = feedback.Overall.Csat.Answers,
            // Whether the night could forecast, and with which model; the estimates are in snapshotmodel.
            ["ForecastModel"] = forecast.Model,
            ["ForecastStatus"] = forecast.IsFitted ? "fitted" : forecast.Failure!.Reason.ToString(),
            ["ForecastReason"] = forecast.Failure?.Message,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ShopSnapshot?> FindAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, RowKey(asOf), cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var e = response.Value!;
        return new ShopSnapshot(shopId, asOf, e.GetString("Currency"),
            e.GetInt32("Customers") ?? 0, e.GetInt32("NewCustomers") ?? 0, e.GetInt32("RepeatCustomers") ?? 0,
            e.GetInt32("Orders") ?? 0, e.GetInt32("OrdersOnDay") ?? 0,
            Number(e, "NetRevenue"), Number(e, "NetRevenueOnDay"), Number(e, "AverageOrderValue"),
            Number(e, "RepeatPurchaseRate"), Number(e, "PurchaseFrequency"));
    }

    /// <summary>Decimals are stored as invariant text: Table storage's double would lose cents on large sums.</summary>
    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Number(TableEntity entity, string name) =>
        decimal.Parse(entity.GetString(name) ?? "0", CultureInfo.InvariantCulture);
}
