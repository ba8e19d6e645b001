using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.LocalHost;
using Retention.Core.Shopify;
using Retention.Core.Shops;
using Retention.Pipeline;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Privacy;
using Retention.Pipeline.Shopify;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Shopify;
using Retention.Tests.Support;

namespace Retention.Tests.Privacy;

/// <summary>One in-memory Azurite for the class, with storage created as the local host creates it.</summary>
public sealed class CompleteEverywhereStorage : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        await RetentionStorage.FromConnectionString(Azurite.ConnectionString).EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>
/// An erasure's audit row says when it is complete everywhere: its table rows went when it completed, its blobs stay
/// recoverable from the account's soft delete for <see cref="SettingNames.BlobSoftDeleteDays"/> more (7 unset). A data
/// request deletes nothing and has no such date. The pipeline's own services against Azurite, on a clock the test holds
/// still, run each request the way the queue processor does.
/// </summary>
public class CompleteEverywhereTests(CompleteEverywhereStorage storage) : IClassFixture<CompleteEverywhereStorage>
{
    private const string Salt = "complete-everywhere-salt";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);

    private IConfigurationRoot Configuration(string? days, string shopId)
    {
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.RetentionStorage] = storage.Azurite.ConnectionString,
            [SettingNames.ShopSetting(shopId, SettingNames.WebhookSecret)] = "whsec-complete-everywhere",
            [SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt)] = Salt,
        };
        if (days is not null) settings[SettingNames.BlobSoftDeleteDays] = days;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>The pipeline's services with the setting as given (null: unset) and the shop registered.</summary>
    private async Task<ServiceProvider> PipelineAsync(string? days, string shopId, ManualClock clock)
    {
        var services = new ServiceCollection().AddLogging().AddRetentionPipeline(Configuration(days, shopId))
            .AddSingleton<TimeProvider>(clock).BuildServiceProvider();
        await services.GetRequiredService<ShopDirectory>().SaveAsync(new Shop(shopId, "Europe/Berlin", "EUR", Now.AddYears(-1)), default);
        return services;
    }

    /// <summary>Archives the request as the webhook does and hands its message to the processor, as the queue does.</summary>
    private static async Task<PrivacyAuditEntry> RunAsync(IServiceProvider services, string shopId, string topic, string sample, string webhookId)
    {
        var body = ShopifyBodies.Compliance(sample, $"{shopId}.myshopify.com");
        var (_, archived, problem) = ShopifyPrivacyRequestReader.Prepare(topic, body, Salt);
        Assert.Null(problem);
        var blob = RawEventArchive.BlobName(shopId, ShopifyPrivacyRequest.EventKind, webhookId);
        Assert.True(await services.GetRequiredService<RawEventArchive>().StoreOnceAsync(blob, archived!, new Dictionary<string, string>(), default));
        var message = new OrderEventMessage(shopId, ShopifyPrivacyRequest.EventKind, webhookId, blob, Now);
        return await services.GetRequiredService<ShopifyPrivacyProcessor>().ProcessAsync(message, default)
               ?? throw new Xunit.Sdk.XunitException("no audit entry");
    }

    private static async Task<PrivacyAuditEntry> StoredAsync(IServiceProvider services, string shopId, string webhookId) =>
        await services.GetRequiredService<PrivacyAuditTable>().FindAsync(shopId, webhookId, default)
        ?? throw new Xunit.Sdk.XunitException("no audit row");

    [Theory]
    [InlineData("3", 3)]
    [InlineData(null, 7)]
    [InlineData("0", 0)]
    public async Task A_customer_erasure_is_complete_everywhere_one_soft_delete_window_after_it_completed(string? setting, int days)
    {
        var shopId = $"everywhere-customer-{setting ?? "unset"}";
        var clock = new ManualClock(Now);
        await using var services = await PipelineAsync(setting, shopId, clock);

        var done = await RunAsync(services, shopId, ShopifyPrivacyTopics.CustomerRedact, ShopifyTopicSamples.CustomersRedact, "redact-1");

        Assert.Equal(Now, done.CompletedAt);
        Assert.Equal(Now.AddDays(days), done.CompleteEverywhereBy);
        // Stored, and read back by both readers of the table.
        var stored = await StoredAsync(services, shopId, "redact-1");
        Assert.Equal((Now, Now.AddDays(days)), (stored.CompletedAt, stored.CompleteEverywhereBy));
        var listed = Assert.Single(await services.GetRequiredService<PrivacyAuditTable>().ReadShopAsync(shopId, default));
        Assert.Equal(Now.AddDays(days), listed.CompleteEverywhereBy);
        var row = (await services.GetRequiredService<RetentionStorage>().Table(StorageNames.PrivacyAuditTable)
            .GetEntityAsync<TableEntity>(shopId, "redact-1")).Value;
        Assert.Equal(Now.AddDays(days), row.GetDateTimeOffset("CompleteEverywhereBy"));
    }

    [Fact]
    public async Task A_shop_erasure_with_a_three_day_window_is_complete_everywhere_three_days_after_it_completed()
    {
        const string shopId = "everywhere-shop";
        await using var services = await PipelineAsync("3", shopId, new ManualClock(Now));

        var done = await RunAsync(services, shopId, ShopifyPrivacyTopics.ShopRedact, ShopifyTopicSamples.ShopRedact, "shop-redact-1");

        Assert.Null(await services.GetRequiredService<ShopDirectory>().FindAsync(shopId, default));
        Assert.Equal((Now, Now.AddDays(3)), (done.CompletedAt, done.CompleteEverywhereBy));
        Assert.Equal(Now.AddDays(3), (await StoredAsync(services, shopId, "shop-redact-1")).CompleteEverywhereBy);
    }

    [Fact]
    public async Task A_data_request_export_has_no_complete_everywhere_date()
    {
        const string shopId = "everywhere-data-request";
        await using var services = await PipelineAsync("3", shopId, new ManualClock(Now));

        var done = await RunAsync(services, shopId, ShopifyPrivacyTopics.DataRequest, ShopifyTopicSamples.CustomersDataRequest, "data-request-1");

        Assert.Equal(Now, done.CompletedAt);
        Assert.NotNull(done.ExportBlob);
        Assert.Null(done.CompleteEverywhereBy);
        Assert.Null((await StoredAsync(services, shopId, "data-request-1")).CompleteEverywhereBy);
        var row = (await services.GetRequiredService<RetentionStorage>().Table(StorageNames.PrivacyAuditTable)
            .GetEntityAsync<TableEntity>(shopId, "data-request-1")).Value;
        Assert.False(row.ContainsKey("CompleteEverywhereBy"));

        // Redelivered, it is archived and deleted again: still no date.
        Assert.Null((await RunAsync(services, shopId, ShopifyPrivacyTopics.DataRequest, ShopifyTopicSamples.CustomersDataRequest,
            "data-request-1")).CompleteEverywhereBy);
    }

    [Fact]
    public async Task A_redelivered_erasure_is_complete_everywhere_one_window_after_its_copy_is_deleted_again()
    {
        const string shopId = "everywhere-redelivered";
        var clock = new ManualClock(Now);
        await using var services = await PipelineAsync("3", shopId, clock);
        await RunAsync(services, shopId, ShopifyPrivacyTopics.CustomerRedact, ShopifyTopicSamples.CustomersRedact, "redact-again");

        // Shopify sends the same request a day later: archived again (it names the customer), it is deleted again, and
        // that copy is recoverable for three days from then.
        clock.Advance(TimeSpan.FromDays(1));
        var again = await RunAsync(services, shopId, ShopifyPrivacyTopics.CustomerRedact, ShopifyTopicSamples.CustomersRedact, "redact-again");

        Assert.Equal((Now, Now.AddDays(4)), (again.CompletedAt, again.CompleteEverywhereBy));
        Assert.Equal(Now.AddDays(4), (await StoredAsync(services, shopId, "redact-again")).CompleteEverywhereBy);
        Assert.False(await services.GetRequiredService<RetentionStorage>().RawEvents
            .GetBlobClient(RawEventArchive.BlobName(shopId, ShopifyPrivacyRequest.EventKind, "redact-again")).ExistsAsync());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("366")]
    [InlineData("seven")]
    [InlineData("7.5")]
    [InlineData("7d")]
    [InlineData("")]
    public void A_window_that_is_not_0_to_365_whole_days_stops_the_pipeline_at_start_naming_the_setting(string value)
    {
        var configuration = Configuration(value, "everywhere-refused");

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRetentionPipeline(configuration));

        Assert.Contains($"{SettingNames.BlobSoftDeleteDays} is '{value}'", refused.Message);
        Assert.Contains("from 0 to 365", refused.Message);
    }

    [Fact]
    public void The_local_host_does_not_start_with_a_negative_window()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => LocalFunctionsHost.Create(Configuration("-7", "everywhere-host"),
            new LocalHostOptions(0, RepositoryRoot.HostJson, EnableTimer: false)));
        Assert.Contains($"{SettingNames.BlobSoftDeleteDays} is '-7'", refused.Message);
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(" 30 ", 30)]
    [InlineData("365", 365)]
    public void The_window_is_read_from_the_setting_or_is_seven_days(string? value, int days) =>
        Assert.Equal(days, BlobSoftDeleteWindow.FromConfiguration(Configuration(value, "everywhere-read")).Days);
}
