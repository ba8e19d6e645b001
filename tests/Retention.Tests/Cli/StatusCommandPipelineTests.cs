using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Retention.Core.Generic;
using Retention.Core.Orders;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Shopify;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention status</c> against the running local host: signed webhooks show as each platform's last delivery, a
/// night run through its queue shows completed with its start, duration and orders, and a night that throws on the
/// shop's data shows failed with its reason and makes the exit code 3.
/// </summary>
public sealed partial class StatusCommandPipelineTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private async Task<(int ExitCode, StatusOutput Output)> StatusAsync(string shop)
    {
        var result = await Cli("status", "--shop", shop);
        Assert.True(result.Error.Length == 0, result.Error);
        return (result.ExitCode, new StatusOutput(result.Output));
    }

    private Task<RetentionCli.Result> Cli(params string[] arguments) =>
        RetentionCli.RunAsync([.. arguments, "--storage", pipeline.Azurite.ConnectionString, "--settings", pipeline.Settings.Path]);

    /// <summary>Printed times are whole seconds: a window's start is taken down to its second.</summary>
    private static DateTimeOffset Second(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private async Task SendHandComputedShopAsync(string shop)
    {
        var credentials = await pipeline.RegisterShopAsync(shop, HandComputedShop.TimeZone);
        foreach (var (eventId, body) in HandComputedShop.Deliveries())
        {
            using var response = await pipeline.PostGenericAsync(shop, body, credentials.WebhookSecret, eventId);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await pipeline.DrainAsync();
    }

    /// <summary>The 202 does not wait for the activity row (it is written beside the batch's message): wait for it here.</summary>
    private async Task WaitForPlatformsAsync(string shop, int platforms)
    {
        var activity = pipeline.Service<ShopActivityTable>();
        for (var i = 0; i < 200 && (await activity.ReadShopAsync(shop, default)).Count < platforms; i++) await Task.Delay(25);
    }

    [Fact]
    public async Task Signed_webhooks_show_as_the_last_delivery_of_their_platform()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "status-deliveries", "status-deliveries.myshopify.com");
        var (exitCode, status) = await StatusAsync(shop.Id);
        Assert.Equal(0, exitCode);
        Assert.Equal("no delivery yet", status.Shop(shop.Id)[0]["last delivery".Length..].Trim());

        var genericFrom = Second(DateTimeOffset.UtcNow);
        var orderedAt = new DateTimeOffset(2025, 3, 1, 15, 0, 0, TimeSpan.Zero);
        var body = GenericOrderEventWriter.Write("S1", new GenericOrderEventWriter.Customer("s-1", null), orderedAt, orderedAt, "USD", 12.50m, OrderStatus.Paid);
        using (var response = await pipeline.PostGenericAsync(shop.Id, body, shop.Credentials.WebhookSecret, "e-status-1"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var genericTo = DateTimeOffset.UtcNow;
        await WaitForPlatformsAsync(shop.Id, 1);

        (exitCode, status) = await StatusAsync(shop.Id);
        Assert.Equal(0, exitCode);
        var generic = status.LastDelivery(shop.Id, "generic");
        Assert.NotNull(generic);
        Assert.InRange(generic.Value, genericFrom, genericTo);
        Assert.Null(status.LastDelivery(shop.Id, "shopify"));

        // A second later, so the Shopify delivery's second cannot be the generic one's.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var shopifyFrom = Second(DateTimeOffset.UtcNow);
        await shop.SendAsync("orders/create", ShopifyBodies.Order(5001, 77, "status@example.com", "2025-03-01T10:00:00-05:00", "20.00"), "wh-status-1", 202);
        var shopifyTo = DateTimeOffset.UtcNow;
        await WaitForPlatformsAsync(shop.Id, 2);

        (exitCode, status) = await StatusAsync(shop.Id);
        Assert.Equal(0, exitCode);
        Assert.InRange(status.LastDelivery(shop.Id, "shopify") ?? DateTimeOffset.MinValue, shopifyFrom, shopifyTo);
        Assert.Equal(generic, status.LastDelivery(shop.Id, "generic"));
        Assert.Null(status.LastDelivery(shop.Id, "woocommerce"));
        Assert.Equal("no night yet", status.LastNight(shop.Id));
        await pipeline.DrainAsync();
    }

    [Fact]
    public async Task A_night_run_through_its_queue_shows_completed_with_its_start_duration_and_orders()
    {
        await SendHandComputedShopAsync("status-night");
        Assert.Equal("no night yet", (await StatusAsync("status-night")).Output.LastNight("status-night"));

        var from = Second(DateTimeOffset.UtcNow);
        await QueueMessages.SendAsync(pipeline.Storage.Queue(StorageNames.SnapshotRequestsQueue),
            new SnapshotRequestMessage("status-night", HandComputedShop.AsOf), default);
        await pipeline.DrainAsync();
        var to = DateTimeOffset.UtcNow;

        var (exitCode, status) = await StatusAsync("status-night");
        Assert.Equal(0, exitCode);
        var night = CompletedNight().Match(status.LastNight("status-night"));
        Assert.True(night.Success, status.Text);
        Assert.Equal("2025-03-10", night.Groups["asOf"].Value);
        var started = StatusOutput.Time(night.Groups["started"].Value);
        Assert.InRange(started, from, to);
        var took = TimeSpan.FromSeconds(double.Parse(night.Groups["took"].Value, CultureInfo.InvariantCulture));
        Assert.InRange(took, TimeSpan.FromMilliseconds(1), to - from);
        Assert.Equal(HandComputedShop.Expected("status-night").Orders, int.Parse(night.Groups["orders"].Value, CultureInfo.InvariantCulture));
        Assert.Equal("healthy", status.Verdict);
    }

    [Fact]
    public async Task A_night_that_throws_on_the_shops_data_shows_failed_with_its_reason_and_exits_3()
    {
        await SendHandComputedShopAsync("status-failing");
        // A stored order whose total is not a number: the shop's first night reads every order, and reading this one throws.
        var orders = pipeline.Storage.Table(StorageNames.OrdersTable);
        var row = await orders.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {"status-failing:"} and PartitionKey lt {"status-failing;"}"))
            .FirstAsync();
        await orders.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Total"] = "not a number" }, row.ETag, TableUpdateMode.Merge);

        var from = Second(DateTimeOffset.UtcNow);
        var run = await Cli("snapshot", "--shop", "status-failing", "--as-of", "2025-03-10");
        var to = DateTimeOffset.UtcNow;
        Assert.Equal(1, run.ExitCode);

        var (exitCode, status) = await StatusAsync("status-failing");
        Assert.Equal(3, exitCode);
        var night = FailedNight().Match(status.LastNight("status-failing"));
        Assert.True(night.Success, status.Text);
        Assert.Equal("2025-03-10", night.Groups["asOf"].Value);
        Assert.InRange(StatusOutput.Time(night.Groups["started"].Value), from, to);
        var reason = night.Groups["reason"].Value;
        Assert.StartsWith("FormatException: ", reason);
        // The failure reached whoever ran the night unchanged: the same reason, from the same exception.
        Assert.Contains(reason["FormatException: ".Length..], run.Error);
        Assert.Equal("needs attention: the latest night of status-failing failed", status.Verdict);
    }

    [GeneratedRegex(@"^(?<asOf>\d{4}-\d\d-\d\d) completed: started (?<started>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ), took (?<took>\d+\.\d+) s, (?<orders>[\d,]+) orders$")]
    private static partial Regex CompletedNight();

    [GeneratedRegex(@"^(?<asOf>\d{4}-\d\d-\d\d) failed: started (?<started>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ), after (?<took>\d+\.\d+) s: (?<reason>.+)$")]
    private static partial Regex FailedNight();
}
