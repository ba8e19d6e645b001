using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Core.Spend;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Spend.ChannelPaybackShop;

namespace Retention.Tests.Spend;

/// <summary>
/// <c>POST /api/spend/{shop}</c> with a <c>channel</c> over real HTTP into the <c>retentionspend</c> table, and on into a
/// night's <c>channel_payback</c> rows; a bad channel is a 400 naming <c>channel</c> with nothing stored.
/// </summary>
public class ChannelSpendHttpTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static byte[] Spend(string month, string amount, string? channel) => JsonSerializer.SerializeToUtf8Bytes(new { month, amount, channel });

    [Fact]
    public async Task Spend_with_a_channel_is_acquisition_spend_kept_apart_from_retention_spend_and_reaches_the_nights_channel_rows()
    {
        const string shopId = "channel-spend";
        var credentials = await pipeline.RegisterShopAsync(shopId, "UTC");
        foreach (var (id, month, amount, channel) in new[]
                 {
                     ("c1", "2024-01", "200", " Google / CPC"), ("c2", "2024-01", "100", "google / cpc"), ("c1", "2024-01", "200", "google / cpc"),
                     ("c3", "2024-01", "50", "newsletter / email"), ("r1", "2024-02", "70", null),
                 })
        {
            using var response = await pipeline.PostSignedAsync($"api/spend/{shopId}", Spend(month, amount, channel), credentials.WebhookSecret, id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var table = pipeline.Service<RetentionSpendTable>();
        // The retention spend is only the entry without a channel; c1 delivered twice counts once.
        Assert.Equal(new Dictionary<DateOnly, decimal> { [new(2024, 2, 1)] = 70m }, await table.MonthlyTotalsAsync(shopId, default));
        Assert.Equal([new ChannelSpend(GoogleAds, new(2024, 1, 1), 300m), new ChannelSpend(Newsletter, new(2024, 1, 1), 50m)],
            (await table.ReadTotalsAsync(shopId, default)).Channels);

        var orders = pipeline.Service<OrderTable>();
        foreach (var order in Orders()) await orders.UpsertAsync(order with { ShopId = shopId }, default);
        var night = await pipeline.Service<SnapshotService>().ComputeAsync(shopId, AsOf, default);

        // The cost of retention sees February's 70 and nothing of the 350 of channel spend.
        Assert.Equal(70m, night.Cost.Sum(m => m.Spend));
        // The shop has no gross margin set: the value is net revenue. google / cpc 2024-01 (ChannelPaybackTests): 3 customers,
        // CAC 300 / 3 = 100, 570 / 3 = 190 within 12 months, LTV:CAC 1.9.
        var rows = new List<TableEntity>();
        await foreach (var row in pipeline.Storage.Table(NightlyDatasets.ChannelPayback.Table)
                           .QueryAsync<TableEntity>(e => e.PartitionKey == $"{shopId}:2025-03-15")) rows.Add(row);
        var google = Assert.Single(rows, r => r.GetString("Channel") == GoogleAds && r.GetString("AcquisitionMonth") == "2024-01");
        Assert.Equal((3, "300", "100", "190", "1.9", "net_revenue"),
            (google.GetInt32("NewCustomers")!.Value, google.GetString("Spend"), google.GetString("Cac"), google.GetString("ValuePerCustomer12m"),
                google.GetString("LtvToCac12m"), google.GetString("ValueBasis")));
    }

    [Theory]
    [InlineData("""{"month":"2025-03","amount":"1","channel":"google"}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":"google/cpc"}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":" / cpc"}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":""}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":7}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":["google / cpc"]}""")]
    [InlineData("""{"month":"2025-03","amount":"1","channel":"google / cpc\u0000"}""")]
    public async Task A_bad_channel_is_refused_naming_channel_and_nothing_is_recorded(string body)
    {
        var shop = "channel-bad-" + Math.Abs(body.GetHashCode() % 100000);
        var credentials = await pipeline.RegisterShopAsync(shop);
        using var response = await pipeline.PostSignedAsync($"api/spend/{shop}", Encoding.UTF8.GetBytes(body), credentials.WebhookSecret, "s-bad");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("channel", problem.RootElement.GetProperty("field").GetString());
        var stored = await pipeline.Service<RetentionSpendTable>().ReadTotalsAsync(shop, default);
        Assert.Empty(stored.Retention);
        Assert.Empty(stored.Channels);
    }

    [Fact]
    public async Task A_channel_longer_than_an_order_could_have_is_refused_naming_channel()
    {
        var credentials = await pipeline.RegisterShopAsync("channel-long");
        using var response = await pipeline.PostSignedAsync("api/spend/channel-long",
            Spend("2025-03", "1", new string('g', 150) + " / " + new string('c', 10)), credentials.WebhookSecret, "s-long");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("channel", problem.RootElement.GetProperty("field").GetString());
    }
}
